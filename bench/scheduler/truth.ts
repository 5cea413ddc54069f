/**
 * The simulation's memory model ("truth"), written from the published FSRS-6 formulas
 * (open-spaced-repetition, "The Algorithm", FSRS-6), not from ts-fsrs's code. Each student has
 * their own true parameters (FSRS-6 defaults perturbed per student) and each question its own
 * difficulty offset, so the schedulers, which see only answers, never see the truth.
 *
 *   R(t, S)     = (1 + F t / S)^(-c),  F = 0.9^(-1/c) - 1,  c = w20       power forgetting curve
 *   S0(G)       = w[G-1]                                                  first review
 *   D0(G)       = w4 - e^(w5 (G-1)) + 1                                   clamped to [1, 10] for a new card
 *   D'          = w7 D0(4) + (1-w7) (D + (-w6 (G-3)) (10-D)/9)            linear damping, mean reversion
 *   S'(recall)  = S (1 + e^w8 (11-D) S^(-w9) (e^(w10 (1-R)) - 1) h b)     h = w15 for Hard, b = w16 for Easy
 *   S'(lapse)   = min(S, w11 D^(-w12) ((S+1)^w13 - 1) e^(w14 (1-R)))
 * Reviews are at most one a day, so FSRS-6's same-day terms (w17-w19) never apply.
 */

export const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

export type TrueParams = readonly number[];
export type TrueMemory = { s: number; d: number; last: number };

export function recall(w: TrueParams, elapsedDays: number, s: number): number {
  const c = w[20]!;
  const f = Math.pow(0.9, -1 / c) - 1;
  return Math.pow(1 + (f * elapsedDays) / s, -c);
}

/** Unclamped: the mean-reversion target D0(4) is used as the formula gives it (negative for the defaults). */
const d0 = (w: TrueParams, g: number) => w[4]! - Math.exp(w[5]! * (g - 1)) + 1;

/** The memory after an event graded g (1 Again .. 4 Easy) on `day`; null memory = first encounter. */
export function learn(w: TrueParams, m: TrueMemory | null, g: number, day: number, dOffset: number): TrueMemory {
  if (!m) return { s: Math.max(0.01, w[g - 1]!), d: clamp(d0(w, g) + dOffset, 1, 10), last: day };
  const r = recall(w, day - m.last, m.s);
  const damped = m.d + (-w[6]! * (g - 3) * (10 - m.d)) / 9;
  const d = clamp(w[7]! * d0(w, 4) + (1 - w[7]!) * damped, 1, 10);
  let s: number;
  if (g === 1) {
    s = Math.min(m.s, w[11]! * Math.pow(m.d, -w[12]!) * (Math.pow(m.s + 1, w[13]!) - 1) * Math.exp(w[14]! * (1 - r)));
  } else {
    const h = g === 2 ? w[15]! : 1;
    const b = g === 4 ? w[16]! : 1;
    s = m.s * (1 + Math.exp(w[8]!) * (11 - m.d) * Math.pow(m.s, -w[9]!) * Math.expm1(w[10]! * (1 - r)) * h * b);
  }
  return { s: clamp(s, 0.01, 36500), d, last: day };
}
