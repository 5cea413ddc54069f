/**
 * A question's quality score (0-1) and the retirement rule, from the design review
 * (docs/architecture-review.md §9):
 *
 *   quality = 0.4 * success + 0.3 * time + 0.2 * calibration + 0.1 * (1 - flagRate)
 *
 * - success: 1 while the success rate lies in the aimed band 50-70 %, falling linearly to 0 at
 *   0 % (too hard or wrong) and at 100 % (trivial).
 * - time: 1 while the mean time taken lies in 60-120 s, falling linearly to 0 at 0 s (trivial) and
 *   at 600 s (unclear).
 * - calibration: how well confidence matched correctness, averaged over attempts: a correct answer
 *   scores (confidence-1)/4, a wrong one (5-confidence)/4. A confident wrong answer (the design
 *   review's "misleading question") scores 0; an unsure wrong answer is honest and scores 1.
 * - flagRate: flags / answers, capped at 1.
 *
 * A question nobody has answered has no evidence: it scores 0 ("unrated"), which also keeps it out
 * of the design review's `quality_score > 0.7` index (docs/architecture-review.md, "Schema Review:
 * Questions Table").
 *
 * Retirement: flagged by more than `flagRate` (10 %) of its answers, once it has at least
 * `minAnswers` answers, so one early flag does not retire a question on its second answer.
 */

export const QUALITY_WEIGHTS = { success: 0.4, time: 0.3, calibration: 0.2, flags: 0.1 } as const;
export const SUCCESS_BAND = [0.5, 0.7] as const;
export const TIME_BAND_SECONDS = [60, 120] as const;
export const TIME_ZERO_SECONDS = 600;

export type QuestionStats = {
  timesAnswered: number;
  timesCorrect: number;
  timesFlagged: number;
  /** Mean of time_taken_seconds over the answers. */
  meanTimeSeconds: number;
  /** Mean of the per-attempt calibration (see `attemptCalibration`). */
  meanCalibration: number;
};

export type QualityBreakdown = {
  success: number;
  time: number;
  calibration: number;
  flags: number;
  score: number;
};

const clamp01 = (x: number) => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);

/** 1 inside [lo, hi], linear to 0 at `zeroLow` and `zeroHigh`. */
function band(x: number, lo: number, hi: number, zeroLow: number, zeroHigh: number): number {
  if (x < lo) return clamp01((x - zeroLow) / (lo - zeroLow));
  if (x > hi) return clamp01((zeroHigh - x) / (zeroHigh - hi));
  return 1;
}

/** One attempt's agreement between confidence (1-5) and correctness, 0-1. */
export function attemptCalibration(isCorrect: boolean, confidence: number): number {
  return clamp01(isCorrect ? (confidence - 1) / 4 : (5 - confidence) / 4);
}

export function qualityBreakdown(s: QuestionStats): QualityBreakdown {
  if (s.timesAnswered <= 0) return { success: 0, time: 0, calibration: 0, flags: 0, score: 0 };
  const success = band(s.timesCorrect / s.timesAnswered, SUCCESS_BAND[0], SUCCESS_BAND[1], 0, 1);
  const time = band(s.meanTimeSeconds, TIME_BAND_SECONDS[0], TIME_BAND_SECONDS[1], 0, TIME_ZERO_SECONDS);
  const calibration = clamp01(s.meanCalibration);
  const flags = 1 - clamp01(s.timesFlagged / s.timesAnswered);
  const score =
    QUALITY_WEIGHTS.success * success +
    QUALITY_WEIGHTS.time * time +
    QUALITY_WEIGHTS.calibration * calibration +
    QUALITY_WEIGHTS.flags * flags;
  // Rounded so the stored real compares cleanly and tests can state exact values.
  return { success, time, calibration, flags, score: Math.round(clamp01(score) * 10000) / 10000 };
}

export function qualityScore(s: QuestionStats): number {
  return qualityBreakdown(s).score;
}

export type RetirementRule = { minAnswers: number; flagRate: number };

/** True when the question should leave review sessions (shown as retired in the bank). */
export function shouldRetire(
  s: Pick<QuestionStats, "timesAnswered" | "timesFlagged">,
  rule: RetirementRule,
): boolean {
  if (s.timesAnswered < rule.minAnswers || s.timesAnswered <= 0) return false;
  return s.timesFlagged / s.timesAnswered > rule.flagRate;
}
