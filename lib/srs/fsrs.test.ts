import { FSRSBinding } from "@open-spaced-repetition/binding";
import { Rating, State, default_w } from "ts-fsrs";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_FSRS_SETTINGS as S,
  fsrsFromSm2,
  fsrsRecall,
  fsrsReview,
  memoryFromSm2,
  replayFsrs,
} from "./fsrs";

// From the reference implementation's tests (ts-fsrs repo, packages/binding-test/src/mode.spec.ts,
// which checks fsrs-rs's memory_state_from_sm2 with FSRS-6 default parameters).
const REFERENCE = [
  { ease: 2.5, interval: 10, r: 0.9, stability: 10.0, difficulty: 6.9140563 },
  { ease: 2.5, interval: 10, r: 0.8, stability: 3.01572, difficulty: 9.393428 },
  { ease: 2.5, interval: 10, r: 0.95, stability: 24.841097, difficulty: 1.2974405 },
  { ease: 1.3, interval: 20, r: 0.9, stability: 20.0, difficulty: 10.0 },
];

describe("memoryFromSm2 (Anki's SM-2 -> FSRS conversion)", () => {
  it.each(REFERENCE)("EF $ease, interval $interval, r $r -> S $stability, D $difficulty", (c) => {
    const m = memoryFromSm2(c.ease, c.interval, default_w, c.r);
    expect(m.stability).toBeCloseTo(c.stability, 3);
    expect(m.difficulty).toBeCloseTo(c.difficulty, 3);
  });

  it.each(REFERENCE)("agrees with the binding's memoryStateFromSM2 ($ease, $interval, $r)", (c) => {
    const b = new FSRSBinding([...default_w]).memoryStateFromSM2(c.ease, c.interval, c.r);
    const m = memoryFromSm2(c.ease, c.interval, default_w, c.r);
    expect(m.stability).toBeCloseTo(b.stability, 3);
    expect(m.difficulty).toBeCloseTo(b.difficulty, 3);
  });

  it("keeps SM-2's growth: FSRS's Good after one interval multiplies stability by about the ease", () => {
    const conv = fsrsFromSm2(2.0, 15, "2026-01-01", S);
    const next = fsrsReview(conv.memory, Rating.Good, "2026-01-16", S);
    expect(next.memory.stability / 15).toBeCloseTo(2.0, 1);
    expect(conv.memory.state).toBe(State.Review);
    expect(conv.intervalDays).toBe(15);
    expect(conv.due).toBe("2026-01-16");
  });
});

describe("fsrsReview on the local calendar", () => {
  it("gives a new question ts-fsrs's first intervals (defaults, retention 0.9)", () => {
    const d = "2026-01-01";
    expect(fsrsReview(null, Rating.Again, d, S)).toMatchObject({ intervalDays: 1, due: "2026-01-02" });
    expect(fsrsReview(null, Rating.Hard, d, S)).toMatchObject({ intervalDays: 2, due: "2026-01-03" });
    expect(fsrsReview(null, Rating.Good, d, S)).toMatchObject({ intervalDays: 3, due: "2026-01-04" });
    expect(fsrsReview(null, Rating.Easy, d, S)).toMatchObject({ intervalDays: 8, due: "2026-01-09" });
    expect(fsrsReview(null, Rating.Good, d, S).memory.stability).toBeCloseTo(default_w[2]!, 6);
  });

  it("predicts recall from the power curve: 0.9 when elapsed = stability", () => {
    const m = { stability: 10, difficulty: 5, state: State.Review, lastReview: "2026-01-01" };
    expect(fsrsRecall(m, "2026-01-11", S)).toBeCloseTo(0.9, 6);
    expect(fsrsRecall(m, "2026-01-01", S)).toBe(1);
  });

  it("honours desired retention and maximum interval", () => {
    const m = { stability: 100, difficulty: 5, state: State.Review, lastReview: "2026-01-01" };
    const loose = fsrsReview(m, Rating.Good, "2026-04-11", { ...S, desiredRetention: 0.8 });
    const tight = fsrsReview(m, Rating.Good, "2026-04-11", { ...S, desiredRetention: 0.95 });
    expect(loose.intervalDays).toBeGreaterThan(tight.intervalDays);
    expect(fsrsReview(m, Rating.Easy, "2026-04-11", { ...S, maximumInterval: 30 }).intervalDays).toBe(30);
  });
});

describe("replayFsrs (ts-fsrs reschedule)", () => {
  const log = [
    { date: "2026-01-01", rating: Rating.Good },
    { date: "2026-01-04", rating: Rating.Good },
    { date: "2026-01-20", rating: Rating.Again },
    { date: "2026-01-21", rating: Rating.Hard },
  ] as const;

  it("gives the same states as reviewing one answer at a time", () => {
    const replay = replayFsrs([...log], S);
    let mem = null;
    for (const [i, r] of log.entries()) {
      const step = fsrsReview(mem, r.rating, r.date, S);
      expect(replay[i]!.memory.stability).toBeCloseTo(step.memory.stability, 9);
      expect(replay[i]!.memory.difficulty).toBeCloseTo(step.memory.difficulty, 9);
      expect(replay[i]!.due).toBe(step.due);
      mem = step.memory;
    }
  });

  it("is deterministic: the same log gives the same state twice", () => {
    expect(replayFsrs([...log], S)).toEqual(replayFsrs([...log], S));
  });
});
