import { describe, expect, it } from "vitest";
import { levelForXp, levelProgress, xpForAnswer, xpForLevel } from "./xp";

describe("xpForAnswer", () => {
  it.each([
    [1, true, 5, 10 + 5 + 3],
    [1, false, 1, 10],
    [2, true, 3, 13 + 5], // round(12.5) = 13
    [3, false, 4, 15 + 3], // confident but wrong still gets the confidence bonus (the design review's rule, docs/architecture-review.md "Gamification Integration")
    [4, true, 2, 18 + 5], // round(17.5) = 18
    [5, true, 5, 20 + 5 + 3],
    [9, true, 1, 10 + 5], // unknown difficulty: multiplier 1
  ])("difficulty %i correct=%s confidence %i -> %i", (difficulty, isCorrect, confidence, want) => {
    expect(xpForAnswer({ difficulty, isCorrect, confidence }, 10)).toBe(want);
  });

  it("scales with the configured base", () => {
    expect(xpForAnswer({ difficulty: 3, isCorrect: true, confidence: 4 }, 20)).toBe(30 + 5 + 3);
  });
});

describe("level curve", () => {
  it.each([
    [1, 0],
    [2, 100],
    [3, 300],
    [4, 600],
    [5, 1000],
    [10, 4500],
  ])("level %i starts at %i XP", (level, xp) => {
    expect(xpForLevel(level)).toBe(xp);
    expect(levelForXp(xp)).toBe(level);
    if (xp > 0) expect(levelForXp(xp - 1)).toBe(level - 1);
  });

  it("is monotonic over a long range", () => {
    let prev = 1;
    for (let xp = 0; xp <= 200_000; xp += 97) {
      const l = levelForXp(xp);
      expect(l).toBeGreaterThanOrEqual(prev);
      expect(xpForLevel(l)).toBeLessThanOrEqual(xp);
      expect(xpForLevel(l + 1)).toBeGreaterThan(xp);
      prev = l;
    }
  });

  it("reports progress to the next level", () => {
    expect(levelProgress(450)).toEqual({
      level: 3,
      xp: 450,
      levelStartXp: 300,
      nextLevelXp: 600,
      intoLevel: 150,
      toNext: 150,
      fraction: 0.5,
    });
  });
});
