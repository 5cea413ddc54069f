/**
 * Pure helpers for the analytics completions (issue 11): retention buckets, the learning curve's
 * attempt groups, and shaping per-confidence counts into calibration rows. The counts come from
 * db/queries/insights.ts.
 */

/** Days since the previous answer to the same question, grouped as review intervals usually are. */
export const RETENTION_BUCKETS = [
  { label: "1 day", min: 1, max: 1 },
  { label: "2-3 days", min: 2, max: 3 },
  { label: "4-7 days", min: 4, max: 7 },
  { label: "8-14 days", min: 8, max: 14 },
  { label: "15-30 days", min: 15, max: 30 },
  { label: "31+ days", min: 31, max: Infinity },
] as const;

/** The bucket of a review `days` after the previous answer; null for same-day practice (0). */
export function retentionBucket(days: number): string | null {
  if (!Number.isFinite(days) || days < 1) return null;
  return RETENTION_BUCKETS.find((b) => days >= b.min && days <= b.max)!.label;
}

/** Learning curve x-axis: the 1st, 2nd, 3rd, 4th answer to a question, then "5th+". */
export const MAX_ATTEMPT_GROUP = 5;
export function attemptGroup(nth: number): string {
  if (nth >= MAX_ATTEMPT_GROUP) return `${MAX_ATTEMPT_GROUP}th+`;
  return ["1st", "2nd", "3rd", "4th"][Math.max(1, Math.floor(nth)) - 1]!;
}

export type Tally = { answered: number; correct: number };

/** Sums tallies by a key function, keeping the order of `keys` and filling missing keys with zero. */
export function tallyBy<T>(rows: T[], keyOf: (r: T) => string | null, tally: (r: T) => Tally, keys: readonly string[]) {
  const out = new Map<string, Tally>(keys.map((k) => [k, { answered: 0, correct: 0 }]));
  for (const r of rows) {
    const k = keyOf(r);
    if (k === null) continue;
    const t = out.get(k) ?? { answered: 0, correct: 0 };
    const add = tally(r);
    out.set(k, { answered: t.answered + add.answered, correct: t.correct + add.correct });
  }
  return [...out].map(([label, t]) => ({ label, ...t, accuracy: t.answered ? t.correct / t.answered : null }));
}
