/** The bench's truth model, written from the published formulas, agrees with ts-fsrs on its own parameters. */
import { Rating, State, createEmptyCard, default_w, forgetting_curve, fsrs, generatorParameters } from "ts-fsrs";
import { describe, expect, it } from "vitest";
import { type TrueMemory, learn, recall } from "./truth";

const f = fsrs(generatorParameters({ enable_short_term: false, enable_fuzz: false }));
const at = (day: number) => new Date(Date.UTC(2026, 0, 1 + day, 12));

describe("truth model", () => {
  it("forgetting curve matches ts-fsrs", () => {
    for (const [t, s] of [[1, 1], [10, 3.2], [100, 40]] as const) expect(recall(default_w, t, s)).toBeCloseTo(forgetting_curve(default_w, t, s), 7);
  });

  it("a sequence of reviews matches ts-fsrs's states (default parameters, no offset)", () => {
    const seq = [
      [0, Rating.Good],
      [3, Rating.Good],
      [15, Rating.Again],
      [16, Rating.Hard],
      [20, Rating.Easy],
    ] as const;
    let card = createEmptyCard(at(0));
    let m: TrueMemory | null = null;
    for (const [day, g] of seq) {
      card = f.next(card, at(day), g).card;
      m = learn(default_w, m, g, day, 0);
      expect(m.s).toBeCloseTo(card.stability, 6);
      expect(m.d).toBeCloseTo(card.difficulty, 6);
    }
    expect(card.state).toBe(State.Review);
  });
});
