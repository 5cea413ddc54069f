/**
 * Reciprocal rank fusion: each list contributes 1 / (k + rank) for every item it ranks, so an item
 * near the top of both lists beats one at the top of only one. k = 60 is the usual constant from
 * Cormack et al. (2009); it keeps one list's first place from dominating. Pure.
 */
export const RRF_K = 60;

export function reciprocalRankFusion(lists: string[][], k = RRF_K): { id: string; score: number }[] {
  const scores = new Map<string, number>();
  for (const list of lists) {
    list.forEach((id, i) => scores.set(id, (scores.get(id) ?? 0) + 1 / (k + i + 1)));
  }
  return [...scores.entries()].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
}
