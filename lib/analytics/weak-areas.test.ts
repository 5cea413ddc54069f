import { describe, expect, it } from "vitest";
import { type TopicEvidence, rankWeakAreas, weakAreaScore, wilsonInterval } from "./weak-areas";

const t = (topic: string, answered: number, correct: number, recentLapses = 0, confidentlyWrong = 0): TopicEvidence => ({
  topic,
  answered,
  correct,
  recentLapses,
  confidentlyWrong,
});

describe("wilsonInterval", () => {
  it.each([
    // k, n, lower, upper (95 %, checked against the closed form)
    [0, 0, 0, 1],
    [0, 1, 0, 0.7935],
    [1, 2, 0.0945, 0.9055],
    [5, 20, 0.1119, 0.4687],
    [10, 10, 0.7225, 1],
    [50, 100, 0.4038, 0.5962],
  ])("%i of %i -> [%f, %f]", (k, n, lo, hi) => {
    const w = wilsonInterval(k, n);
    expect(w.lower).toBeCloseTo(lo, 3);
    expect(w.upper).toBeCloseTo(hi, 3);
  });
});

describe("weakAreaScore", () => {
  it.each([
    // topic evidence, expected score
    [t("perfect", 10, 10), 0.6 * (1 - 1)],
    [t("one of two", 2, 1), 0.6 * (1 - 0.9055)],
    [t("five of twenty", 20, 5), 0.6 * (1 - 0.4687)],
    [t("lapses capped", 20, 5, 6), 0.6 * (1 - 0.4687) + 0.2],
    [t("confidently wrong", 20, 5, 0, 10), 0.6 * (1 - 0.4687) + 0.2 * 0.5],
  ])("%o -> %f", (e, score) => {
    expect(weakAreaScore(e).score).toBeCloseTo(score, 3);
  });
});

describe("rankWeakAreas", () => {
  it("does not call 1 of 2 (or 0 of 1) the weakest next to 5 of 20", () => {
    const ranked = rankWeakAreas([t("Renal", 2, 1), t("Cardio", 20, 5), t("Neuro", 1, 0)]);
    expect(ranked.map((r) => r.topic)).toEqual(["Cardio", "Neuro", "Renal"]);
  });
  it("lets recent lapses and confident errors break a tie in accuracy", () => {
    const ranked = rankWeakAreas([t("A", 10, 6), t("B", 10, 6, 2), t("C", 10, 6, 0, 3)]);
    expect(ranked.map((r) => r.topic)).toEqual(["B", "C", "A"]);
  });
  it("leaves out topics with no answers and keeps the top five", () => {
    const many = Array.from({ length: 8 }, (_, i) => t(`T${i}`, 10, i));
    many.push(t("Unanswered", 0, 0));
    const ranked = rankWeakAreas(many);
    expect(ranked).toHaveLength(5);
    expect(ranked.map((r) => r.topic)).toEqual(["T0", "T1", "T2", "T3", "T4"]);
  });
});
