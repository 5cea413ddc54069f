import { describe, expect, it } from "vitest";
import { logLoss, rmseBins, sm2Recall } from "./predict";

describe("sm2Recall", () => {
  it.each([
    [0, 10, 1],
    [10, 10, 0.9],
    [20, 10, 0.81],
    [3, 0, 0.729], // interval 0 (never scheduled) counts as 1 day
  ])("elapsed %i, interval %i -> %f", (t, i, p) => expect(sm2Recall(t, i)).toBeCloseTo(p, 9));
});

describe("logLoss", () => {
  it("is ln 2 for coin flips and ~0 for certain right predictions", () => {
    expect(logLoss([{ p: 0.5, y: true }, { p: 0.5, y: false }])).toBeCloseTo(Math.LN2, 12);
    expect(logLoss([{ p: 1, y: true }])).toBeLessThan(1e-5);
  });
  it("clips certain wrong predictions instead of returning Infinity", () => {
    expect(logLoss([{ p: 1, y: false }])).toBeCloseTo(-Math.log(1e-6), 6);
  });
});

describe("rmseBins", () => {
  it("is 0 when each bin's mean prediction equals its recall rate", () => {
    const xs = [
      { p: 0.9, y: true }, { p: 0.9, y: true }, { p: 0.9, y: true }, { p: 0.9, y: true }, { p: 0.9, y: true },
      { p: 0.9, y: true }, { p: 0.9, y: true }, { p: 0.9, y: true }, { p: 0.9, y: true }, { p: 0.9, y: false },
    ];
    expect(rmseBins(xs)).toBeCloseTo(0, 12);
  });
  it("weights bins by their counts", () => {
    // bin 0.9: mean 0.9, rate 1 (n=3); bin 0.2: mean 0.2, rate 0 (n=1)
    const xs = [{ p: 0.9, y: true }, { p: 0.9, y: true }, { p: 0.9, y: true }, { p: 0.2, y: false }];
    expect(rmseBins(xs)).toBeCloseTo(Math.sqrt((3 * 0.01 + 0.04) / 4), 12);
  });
});
