/** The Generate page's run state: a stream that ends without "done" never leaves it spinning. */
import { describe, expect, it } from "vitest";
import { dropGate, dropLine, MAX_DETAIL_CHARS } from "@/components/generate/drop-line";
import { type RunState, initialRun, runReducer } from "@/components/generate/use-generation";
import type { CompletedQuestion, GenerationEvent } from "@/lib/ai/events";

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
    // A drop is a line, not a card: the card being written goes.
    expect(s.cards).toEqual([]);
    expect(s.drops).toEqual([{ cardId: "1-0", reason: "too_long", message: "too long", detail: undefined }]);
    expect(s.dropped).toBe(1);
  });
});

const question: CompletedQuestion = {
  vignette: "A 54-year-old man has a murmur.",
  leadIn: "Which valve is affected?",
  options: ["Aortic", "Mitral", "Tricuspid", "Pulmonary"],
  correctIndex: 1,
  explanation: "The mitral valve.",
  optionExplanations: ["a", "b", "c", "d"],
  topic: "heart valves",
  tags: [],
  sourceChunkId: "c1",
  sourceQuote: "The mitral valve lies between the left atrium and ventricle.",
  source: { materialId: "m1", materialTitle: "Heart", label: "heart.md", heading: null },
  sourceQuality: 0.9,
};

const event = (s: RunState, e: GenerationEvent) => runReducer(s, { type: "event", event: e });
/** A drop by one of the new gates (lint, solver, …), typed loosely until those reasons exist in lib/ai. */
const gateDrop = (cardId: string, reason: string, message: string, detail?: string) =>
  ({ type: "drop", cardId, reason, message, detail }) as unknown as GenerationEvent;

function run(preview: boolean): RunState {
  let s = runReducer(initialRun, { type: "begin", request: { preview, count: 3, difficulty: 4 } as never });
  s = event(s, { type: "start", jobId: "j", preview, requested: 3, generator: { kind: "offline", label: "offline" }, passages: [] });
  return s;
}

describe("runReducer: keys on complete cards", () => {
  it("a saved card's key starts hidden; a preview card's is shown", () => {
    const saved = event(run(false), { type: "complete", cardId: "1-0", question, questionId: "q1" });
    expect(saved.cards[0]).toMatchObject({ state: "complete", questionId: "q1", view: "hidden" });
    expect(saved.difficulty).toBe(4);
    const preview = event(run(true), { type: "complete", cardId: "1-0", question, previewToken: "t".repeat(20) });
    expect(preview.cards[0]).toMatchObject({ state: "complete", view: "revealed" });
  });

  it("answering or revealing shows the key, once and for good", () => {
    let s = event(run(false), { type: "complete", cardId: "1-0", question, questionId: "q1" });
    s = event(s, { type: "complete", cardId: "1-1", question, questionId: "q2" });
    s = runReducer(s, { type: "answered", cardId: "1-0" });
    s = runReducer(s, { type: "revealed", cardId: "1-1" });
    expect(s.cards.map((c) => c.state === "complete" && c.view)).toEqual(["answered", "revealed"]);
    // An answered card is not then "revealed", nor a revealed one "answered".
    s = runReducer(s, { type: "revealed", cardId: "1-0" });
    s = runReducer(s, { type: "answered", cardId: "1-1" });
    expect(s.cards.map((c) => c.state === "complete" && c.view)).toEqual(["answered", "revealed"]);
    // Unknown ids change nothing.
    expect(runReducer(s, { type: "revealed", cardId: "nope" }).cards).toEqual(s.cards);
  });

  it("late partials for a dropped card do not bring it back", () => {
    let s = event(run(false), { type: "partial", cardId: "1-0", patch: [{ f: "vignette", append: "A" }] });
    s = event(s, gateDrop("1-0", "lint", "It failed a rule.", "clang"));
    s = event(s, { type: "partial", cardId: "1-0", patch: [{ f: "vignette", append: "B" }] });
    expect(s.cards).toEqual([]);
    expect(s.drops).toHaveLength(1);
  });

  it("keeps every drop in order, each with its reason, message and detail", () => {
    let s = run(false);
    s = event(s, { type: "drop", cardId: "1-0", reason: "near_duplicate", message: "Nearly the same.", detail: "0.91" });
    s = event(s, { type: "complete", cardId: "1-1", question, questionId: "q1" });
    s = event(s, gateDrop("2-0", "solver", "The solver disagreed."));
    expect(s.drops.map((d) => [d.reason, d.detail])).toEqual([
      ["near_duplicate", "0.91"],
      ["solver", undefined],
    ]);
    expect(s.cards).toHaveLength(1);
  });
});

describe("runReducer: refusals", () => {
  it("a failure before the stream starts is a refusal shown by the form", () => {
    const started = runReducer(initialRun, { type: "begin", request: { preview: false, count: 5 } as never });
    const refused = runReducer(started, { type: "failed", message: 'Your material has 2 passages on "x"; upload more on it or pick another topic.' });
    expect(refused).toMatchObject({ phase: "finished", refusal: { message: expect.stringMatching(/2 passages/) } });
    expect(refused.error).toBeUndefined();
  });

  it("a failure once the stream ran is a run error, not a refusal", () => {
    const lost = runReducer(run(false), { type: "failed", message: "The connection to Studyin was lost." });
    expect(lost.refusal).toBeUndefined();
    expect(lost.error?.message).toMatch(/connection/);
  });

  it("a new run clears the refusal", () => {
    const refused = runReducer(runReducer(initialRun, { type: "begin", request: { preview: false, count: 5 } as never }), { type: "failed", message: "No." });
    expect(runReducer(refused, { type: "begin", request: { preview: false, count: 5 } as never }).refusal).toBeUndefined();
  });
});

describe("dropLine", () => {
  it.each([
    ["lint", "Item-writing check"],
    ["banned_option", "Item-writing check"],
    ["off_topic", "On-topic check"],
    ["solver", "Blind-solver check"],
    ["duplicate_fact", "Duplicate check"],
    ["near_duplicate", "Duplicate check"],
    ["quote_not_in_source", "Source check"],
    ["too_long", "Format check"],
    ["unparseable", "Format check"],
    ["something_new", "Check"],
  ])("names the gate of %s", (reason, gate) => {
    expect(dropGate(reason)).toBe(gate);
  });

  it("ends with the detail in brackets, and does not name the gate twice", () => {
    expect(dropLine({ reason: "near_duplicate", message: "It was nearly the same as a question you already have.", detail: "91% alike" })).toEqual({
      gate: "Duplicate check",
      message: "It was nearly the same as a question you already have",
      detail: "91% alike",
    });
    expect(dropLine({ reason: "lint", message: "Failed the item-writing check: the key repeats a word from the stem.", detail: "clang" }).gate).toBeNull();
    expect(dropLine({ reason: "solver", message: "The blind solver chose another option." })).toEqual({
      gate: "Blind-solver check",
      message: "The blind solver chose another option.",
      detail: null,
    });
  });

  it("shortens a long detail", () => {
    const line = dropLine({ reason: "duplicate_options", message: "Two options were the same.", detail: "x".repeat(1000) });
    expect(line.detail!.length).toBe(MAX_DETAIL_CHARS);
    expect(line.detail!.endsWith("…")).toBe(true);
  });
});
