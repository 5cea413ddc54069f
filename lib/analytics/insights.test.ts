import { describe, expect, it } from "vitest";
import { RETENTION_BUCKETS, attemptGroup, retentionBucket, tallyBy } from "./insights";

describe("retentionBucket", () => {
  it.each([
    [0, null],
    [-1, null],
    [1, "1 day"],
    [2, "2-3 days"],
    [3, "2-3 days"],
    [7, "4-7 days"],
    [8, "8-14 days"],
    [30, "15-30 days"],
    [31, "31+ days"],
    [400, "31+ days"],
  ])("%i days -> %s", (d, b) => expect(retentionBucket(d)).toBe(b));
});

describe("attemptGroup", () => {
  it.each([
    [1, "1st"],
    [2, "2nd"],
    [4, "4th"],
    [5, "5th+"],
    [12, "5th+"],
  ])("attempt %i -> %s", (n, g) => expect(attemptGroup(n)).toBe(g));
});

describe("tallyBy", () => {
  it("sums per key in the given order, with empty keys as no data", () => {
    const rows = [
      { days: 1, answered: 2, correct: 1 },
      { days: 3, answered: 1, correct: 1 },
      { days: 2, answered: 3, correct: 0 },
      { days: 0, answered: 9, correct: 9 },
    ];
    const out = tallyBy(rows, (r) => retentionBucket(r.days), (r) => r, RETENTION_BUCKETS.map((b) => b.label));
    expect(out.slice(0, 3)).toEqual([
      { label: "1 day", answered: 2, correct: 1, accuracy: 0.5 },
      { label: "2-3 days", answered: 4, correct: 1, accuracy: 0.25 },
      { label: "4-7 days", answered: 0, correct: 0, accuracy: null },
    ]);
  });
});
