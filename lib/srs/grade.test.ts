import { describe, expect, it } from "vitest";
import { gradeAnswer } from "./grade";

describe("gradeAnswer (the documented table)", () => {
  it.each([
    [true, 1, 3],
    [true, 2, 3],
    [true, 3, 4],
    [true, 4, 5],
    [true, 5, 5],
    [false, 1, 2],
    [false, 2, 2],
    [false, 3, 1],
    [false, 4, 0],
    [false, 5, 0], // a confident wrong answer is the worst grade
  ])("correct=%s confidence=%i -> q=%i", (correct, confidence, q) => {
    expect(gradeAnswer(correct, confidence)).toBe(q);
  });

  it("every correct answer passes (q >= 3) and every wrong one fails", () => {
    for (const c of [1, 2, 3, 4, 5]) {
      expect(gradeAnswer(true, c)).toBeGreaterThanOrEqual(3);
      expect(gradeAnswer(false, c)).toBeLessThan(3);
    }
  });
});
