import { describe, expect, it } from "vitest";
import { columns, linePath, niceMax, pointPositions } from "./geometry";

describe("niceMax", () => {
  it.each([
    [0, 1],
    [-3, 1],
    [0.4, 0.5],
    [1, 1],
    [3, 5],
    [7, 10],
    [12, 20],
    [48, 50],
    [51, 100],
    [101, 200],
  ])("%d -> %d", (x, expected) => {
    expect(niceMax(x)).toBeCloseTo(expected, 10);
  });
});

describe("linePath", () => {
  it("joins consecutive values and breaks at nulls", () => {
    // 4 slots of 25 wide; centres 12.5, 37.5, 62.5, 87.5; height 100, max 1.
    expect(linePath([1, 0.5, null, 0], 100, 100, 1)).toBe("M12.5 0L37.5 50M81.25 100H93.75");
  });
  it("draws an isolated point as a short tick", () => {
    expect(linePath([null, 0.5, null], 30, 10, 1)).toBe("M12.5 5H17.5");
  });
  it("clamps out-of-range values and handles empty input", () => {
    expect(linePath([2, -1], 20, 10, 1)).toBe("M5 0L15 10");
    expect(linePath([], 20, 10, 1)).toBe("");
    expect(linePath([null, null], 20, 10, 1)).toBe("");
  });
});

describe("columns", () => {
  it("scales heights to the max and leaves a gap between columns", () => {
    expect(columns([0, 5, 10], 30, 100, 10, 0.2)).toEqual([
      { x: 1, width: 8, y: 100, height: 0 },
      { x: 11, width: 8, y: 50, height: 50 },
      { x: 21, width: 8, y: 0, height: 100 },
    ]);
  });
});

describe("pointPositions", () => {
  it("centres each value in its slot and keeps gaps", () => {
    expect(pointPositions([0, null, 1, 3], 40, 10, 2)).toEqual([{ x: 5, y: 10 }, null, { x: 25, y: 5 }, { x: 35, y: 0 }]);
  });
});
