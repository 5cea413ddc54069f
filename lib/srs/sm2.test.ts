import { describe, expect, it } from "vitest";
import { easinessAfter, initialState, reviewCard, type Sm2Params, type Sm2State } from "./sm2";

const P: Sm2Params = {
  minEasiness: 1.3,
  maxEasiness: 2.5,
  initialEasiness: 2.5,
  initialInterval: 1,
  secondInterval: 6,
  masteredIntervalDays: 21,
};

/** Runs grades from a new card and returns [EF, interval, repetitions, status] after each. */
function replay(grades: number[], p = P, from: Sm2State = initialState(p)) {
  const out: Array<[number, number, number, string]> = [];
  let s = from;
  for (const q of grades) {
    const r = reviewCard(s, q, p);
    out.push([r.easiness, r.intervalDays, r.repetitions, r.status]);
    s = r;
  }
  return out;
}

describe("SM-2 against hand-computed sequences", () => {
  it("perfect answers: 1, 6, ceil(6*2.5)=15, ceil(15*2.5)=38 (mastered), EF capped at 2.5", () => {
    expect(replay([5, 5, 5, 5])).toEqual([
      [2.5, 1, 1, "learning"],
      [2.5, 6, 2, "reviewing"],
      [2.5, 15, 3, "reviewing"],
      [2.5, 38, 4, "mastered"],
    ]);
  });

  it("hard successes (q=3, EF -0.14 each) walk EF down to the 1.3 floor and stay there", () => {
    expect(replay([3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3])).toEqual([
      [2.36, 1, 1, "learning"],
      [2.22, 6, 2, "reviewing"],
      [2.08, 14, 3, "reviewing"], // ceil(6 * 2.22 = 13.32)
      [1.94, 30, 4, "mastered"], // ceil(14 * 2.08 = 29.12)
      [1.8, 59, 5, "mastered"], // ceil(30 * 1.94 = 58.2)
      [1.66, 107, 6, "mastered"], // ceil(59 * 1.8 = 106.2)
      [1.52, 178, 7, "mastered"], // ceil(107 * 1.66 = 177.62)
      [1.38, 271, 8, "mastered"], // ceil(178 * 1.52 = 270.56)
      [1.3, 374, 9, "mastered"], // ceil(271 * 1.38 = 373.98); 1.38 - 0.14 = 1.24 -> floor 1.3
      [1.3, 487, 10, "mastered"], // ceil(374 * 1.3 = 486.2)
      [1.3, 634, 11, "mastered"], // ceil(487 * 1.3 = 633.1)
    ]);
  });

  it("a lapse restarts repetitions, comes back tomorrow, and leaves EF unchanged", () => {
    expect(replay([5, 5, 5, 0, 4, 4, 4])).toEqual([
      [2.5, 1, 1, "learning"],
      [2.5, 6, 2, "reviewing"],
      [2.5, 15, 3, "reviewing"],
      [2.5, 1, 0, "learning"], // lapse: EF kept (our choice, see sm2.ts)
      [2.5, 1, 1, "learning"], // q=4 leaves EF as is: 0.1 - 1*(0.08 + 0.02) = 0
      [2.5, 6, 2, "reviewing"],
      [2.5, 15, 3, "reviewing"],
    ]);
  });

  it("a mastered card that lapses goes back to learning with its lowered EF intact", () => {
    const r = replay([3, 3, 3, 3, 1]);
    expect(r[3]).toEqual([1.94, 30, 4, "mastered"]);
    expect(r[4]).toEqual([1.94, 1, 0, "learning"]);
  });

  it.each([
    [5, 2.6],
    [4, 2.5],
    [3, 2.36],
    [2, 2.18],
    [1, 1.96],
    [0, 1.7],
  ])("EF formula for q=%i from 2.5 (uncapped max) -> %d", (q, want) => {
    expect(easinessAfter(2.5, q, { ...P, maxEasiness: 3 })).toBeCloseTo(want, 6);
  });

  it("uses every parameter from configuration", () => {
    const p = { ...P, initialEasiness: 2, initialInterval: 2, secondInterval: 4, masteredIntervalDays: 8 };
    expect(replay([4, 4, 4], p)).toEqual([
      [2, 2, 1, "learning"],
      [2, 4, 2, "reviewing"],
      [2, 8, 3, "mastered"],
    ]);
  });

  it("rejects a grade outside 0-5", () => {
    expect(() => reviewCard(initialState(P), 6, P)).toThrow(RangeError);
    expect(() => reviewCard(initialState(P), 2.5, P)).toThrow(RangeError);
  });

  it("reads a float4-rounded EF back exactly", () => {
    const stored = Math.fround(2.36); // what a Postgres real gives back
    expect(reviewCard({ easiness: stored, intervalDays: 6, repetitions: 2 }, 4, P).intervalDays).toBe(15); // ceil(6*2.36=14.16)
  });
});
