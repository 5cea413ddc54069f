/**
 * SM-2 (Wozniak 1990) on one card's state. Pure; every parameter comes from configuration.
 *
 * After an answer graded q (0-5):
 * - q >= 3 (success): repetitions += 1; the interval is SM2_INITIAL_INTERVAL on the first
 *   repetition, SM2_SECOND_INTERVAL on the second, then ceil(previous interval * EF), where EF is
 *   the card's easiness before this answer (the published order: schedule, then update EF).
 *   EF' = EF + (0.1 - (5-q)(0.08 + (5-q)0.02)), kept within [SM2_MIN_EASINESS, SM2_MAX_EASINESS].
 * - q < 3 (lapse): repetitions restart at 0 and the card returns after SM2_INITIAL_INTERVAL.
 *   EF is NOT changed. The published text says both "modify EF after each repetition" (step 5) and
 *   "start repetitions from the beginning without changing the E-Factor" (step 6). We follow step
 *   6: with our grade table a confident wrong answer is q = 0, which would cut EF by 0.8 at once and
 *   pin a card at the floor after two slips ("ease hell"); the lapse already costs the card its
 *   whole interval. Difficulty still shows in EF through the low successful grades (q = 3: -0.14).
 *
 * Status: new (never answered) -> learning (first successful repetition, or after a lapse) ->
 * reviewing (two or more successful repetitions in a row) -> mastered (interval reaches
 * SM2_MASTERED_INTERVAL_DAYS); a lapse sends any card back to learning.
 */
import type { ReviewStatus } from "@/db/schema/srs";

export type Sm2Params = {
  minEasiness: number;
  maxEasiness: number;
  initialEasiness: number;
  initialInterval: number;
  secondInterval: number;
  masteredIntervalDays: number;
};

export type Sm2State = { easiness: number; intervalDays: number; repetitions: number };
export type Sm2Result = Sm2State & { status: ReviewStatus; lapsed: boolean };

/** EF is stored as a 4-byte real; three decimals make replays from the log exact. */
export const roundEasiness = (ef: number) => Math.round(ef * 1000) / 1000;

export function initialState(p: Sm2Params): Sm2State {
  return { easiness: p.initialEasiness, intervalDays: 0, repetitions: 0 };
}

export function easinessAfter(ef: number, q: number, p: Sm2Params): number {
  const next = ef + (0.1 - (5 - q) * (0.08 + (5 - q) * 0.02));
  return roundEasiness(Math.min(p.maxEasiness, Math.max(p.minEasiness, next)));
}

export function reviewCard(state: Sm2State, q: number, p: Sm2Params): Sm2Result {
  if (!Number.isInteger(q) || q < 0 || q > 5) throw new RangeError(`SM-2 grade must be 0-5, got ${q}`);
  const ef = roundEasiness(state.easiness);
  if (q < 3) {
    return { easiness: ef, intervalDays: p.initialInterval, repetitions: 0, status: "learning", lapsed: true };
  }
  const repetitions = state.repetitions + 1;
  const intervalDays =
    repetitions === 1
      ? p.initialInterval
      : repetitions === 2
        ? p.secondInterval
        : // The epsilon keeps float noise (6 * 2.36 = 14.159999...) from rounding a whole number up.
          Math.ceil(Math.max(1, state.intervalDays) * ef - 1e-9);
  const status: ReviewStatus =
    intervalDays >= p.masteredIntervalDays ? "mastered" : repetitions >= 2 ? "reviewing" : "learning";
  return { easiness: easinessAfter(ef, q, p), intervalDays, repetitions, status, lapsed: false };
}
