/** The Generate page's run state: a stream that ends without "done" never leaves it spinning. */
import { describe, expect, it } from "vitest";
import { initialRun, runReducer } from "@/components/generate/use-generation";

describe("runReducer", () => {
  it("a stream that ends before any event finishes the run with a message", () => {
    const started = runReducer(initialRun, { type: "begin", request: { preview: false, count: 5 } as never });
    const ended = runReducer(started, { type: "ended" });
    expect(ended.phase).toBe("finished");
    expect(ended.error?.message).toMatch(/stopped unexpectedly/);
  });

  it("a finished run is left as it was", () => {
    const finished = runReducer(initialRun, { type: "failed", message: "Rate limit reached." });
    expect(runReducer(finished, { type: "ended" })).toBe(finished);
  });
});

describe("runReducer with streamed patches", () => {
  it("a card fills in from appended text and is replaced by the complete question", () => {
    let s = runReducer(initialRun, { type: "begin", request: { preview: false, count: 1 } as never });
    s = runReducer(s, { type: "event", event: { type: "partial", cardId: "1-0", patch: [{ f: "vignette", append: "A 54-year-old" }] } });
    s = runReducer(s, { type: "event", event: { type: "partial", cardId: "1-0", patch: [{ f: "vignette", append: " man" }, { f: "options", i: 0, append: "Aor" }] } });
    expect(s.cards[0]).toMatchObject({ state: "writing", partial: { vignette: "A 54-year-old man", options: ["Aor"] } });
    s = runReducer(s, { type: "event", event: { type: "drop", cardId: "1-0", reason: "too_long", message: "too long" } });
    expect(s.cards[0]).toMatchObject({ state: "dropped", partial: { vignette: "A 54-year-old man" } });
  });
});
