import { Rating } from "ts-fsrs";
import { describe, expect, it } from "vitest";
import { RATING_NAMES, ratingForAnswer } from "./rating";

describe("ratingForAnswer (the table in rating.ts)", () => {
  it.each([
    [true, 1, Rating.Hard],
    [true, 2, Rating.Hard],
    [true, 3, Rating.Good],
    [true, 4, Rating.Good],
    [true, 5, Rating.Easy],
    [false, 1, Rating.Again],
    [false, 2, Rating.Again],
    [false, 3, Rating.Again],
    [false, 4, Rating.Again],
    [false, 5, Rating.Again],
  ] as const)("correct=%s confidence=%i -> %s", (correct, confidence, rating) => {
    expect(ratingForAnswer(correct, confidence)).toBe(rating);
  });

  it("clamps and rounds confidence like the SM-2 table", () => {
    expect(ratingForAnswer(true, 0)).toBe(Rating.Hard);
    expect(ratingForAnswer(true, 9)).toBe(Rating.Easy);
    expect(ratingForAnswer(true, 3.4)).toBe(Rating.Good);
  });

  it("names every rating", () => {
    expect(Object.values(RATING_NAMES)).toEqual(["Again", "Hard", "Good", "Easy"]);
  });
});
