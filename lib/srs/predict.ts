/**
 * How well a scheduler's recall predictions match what happened. Pure.
 *
 * SM-2 predicts no probability; as the open srs-benchmark does, its prediction is read off the
 * assumption that it schedules a card when recall has fallen to 90%, with exponential forgetting:
 *   p_SM2 = 0.9^(elapsed days / SM-2 interval before the answer).
 * FSRS's prediction is its own forgetting curve (fsrsRecall / ts-fsrs `forgetting_curve`).
 *
 * Log loss: mean of -[y ln p + (1-y) ln(1-p)], p clipped to [1e-6, 1 - 1e-6].
 * RMSE(bins): predictions grouped into 20 equal-width bins of p; the root of the count-weighted
 * mean of (mean p - observed recall rate)^2 over bins. This is the calibration form; srs-benchmark's
 * RMSE(bins) bins by interval, review count and lapses instead, so figures are comparable in kind,
 * not in value.
 */

export const sm2Recall = (elapsedDays: number, intervalDays: number) => Math.pow(0.9, Math.max(0, elapsedDays) / Math.max(1, intervalDays));

export type Scored = { p: number; y: boolean };
export type Fit = { logLoss: number; rmseBins: number };

const EPS = 1e-6;

export function logLoss(xs: readonly Scored[]): number {
  if (!xs.length) return NaN;
  let sum = 0;
  for (const { p, y } of xs) {
    const q = Math.min(1 - EPS, Math.max(EPS, p));
    sum -= y ? Math.log(q) : Math.log(1 - q);
  }
  return sum / xs.length;
}

export function rmseBins(xs: readonly Scored[], bins = 20): number {
  if (!xs.length) return NaN;
  const n = new Array<number>(bins).fill(0);
  const pSum = new Array<number>(bins).fill(0);
  const ySum = new Array<number>(bins).fill(0);
  for (const { p, y } of xs) {
    const b = Math.min(bins - 1, Math.max(0, Math.floor(p * bins)));
    n[b]! += 1;
    pSum[b]! += p;
    ySum[b]! += y ? 1 : 0;
  }
  let sq = 0;
  for (let b = 0; b < bins; b++) if (n[b]) sq += n[b]! * ((pSum[b]! - ySum[b]!) / n[b]!) ** 2;
  return Math.sqrt(sq / xs.length);
}

export const fitOf = (xs: readonly Scored[]): Fit => ({ logLoss: logLoss(xs), rmseBins: rmseBins(xs) });
