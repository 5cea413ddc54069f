/**
 * The Generate page's state: one RunState per job, each folding that job's events (replayed from
 * the start on every reconnect) into cards; a stream that ends without "done" never leaves it spinning.
 */
import { describe, expect, it } from "vitest";
import { dropGate, dropLine, MAX_DETAIL_CHARS } from "@/components/generate/drop-line";
import {
  type GenerationState,
  type RunAction,
  type RunState,
  generationPhase,
  generationReducer,
  initialGeneration,
  newRun,
  runReducer,
  totals,
} from "@/components/generate/run-state";
import type { CompletedQuestion, GenerationEvent } from "@/lib/ai/events";
import type { WatchedJob } from "@/lib/ai/types";

const job = (over: Partial<WatchedJob> = {}): WatchedJob => ({
  jobId: "j",
  topic: "heart valves",
  requested: 3,
  difficulty: 4,
  preview: false,
  status: "pending",
  generator: { kind: "offline", label: "offline" },
  passages: [],
  decisions: {},
  ...over,
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

const start = (over: Partial<Extract<GenerationEvent, { type: "start" }>> = {}): GenerationEvent => ({
  type: "start",
  jobId: "j",
  topic: "heart valves",
  attempt: 1,
  preview: false,
  requested: 3,
  generator: { kind: "offline", label: "offline" },
  passages: [],
  ...over,
});

const event = (s: RunState, e: GenerationEvent) => runReducer(s, { type: "event", event: e });
const events = (s: RunState, es: GenerationEvent[]) => es.reduce(event, s);
/** A drop by one of the new gates (lint, solver, …), typed loosely until those reasons exist in lib/ai. */
const gateDrop = (cardId: string, reason: string, message: string, detail?: string) =>
  ({ type: "drop", cardId, reason, message, detail }) as unknown as GenerationEvent;

function run(preview: boolean): RunState {
  return event(newRun(job({ preview })), start({ preview }));
}

describe("runReducer", () => {
  it("a job starts waiting with what the server said of it, and runs from its start event", () => {
    const waiting = newRun(job({ requested: 5, passages: [{ chunkId: "c", materialId: "m", source: "s", heading: null, excerpt: "e", distance: null }] }));
    expect(waiting).toMatchObject({ phase: "waiting", requested: 5, accepted: 0, topic: "heart valves", difficulty: 4 });
    expect(waiting.passages).toHaveLength(1);
    expect(event(waiting, start({ requested: 5 })).phase).toBe("running");
  });

  it("a stream that ends for good before any event finishes the run with a message", () => {
    const ended = runReducer(newRun(job()), { type: "ended" });
    expect(ended.phase).toBe("finished");
    expect(ended.error?.message).toMatch(/no longer follow/);
  });

  it("a finished run is left as it was", () => {
    const finished = runReducer(run(false), { type: "failed", message: "Rate limit reached." });
    expect(runReducer(finished, { type: "ended" })).toBe(finished);
    expect(runReducer(finished, { type: "reconnecting" })).toBe(finished);
  });

  it("a failure once the stream ran is the run's error", () => {
    const lost = runReducer(event(run(false), { type: "partial", cardId: "1-0", patch: [{ f: "vignette", append: "A" }] }), {
      type: "failed",
      message: "That generation job was not found.",
    });
    expect(lost).toMatchObject({ phase: "finished", error: { message: expect.stringMatching(/not found/) } });
    expect(lost.cards).toEqual([]);
  });
});

describe("runReducer with streamed patches", () => {
  it("a card fills in from appended text and is replaced by the complete question", () => {
    let s = run(false);
    s = event(s, { type: "partial", cardId: "1-0", patch: [{ f: "vignette", append: "A 54-year-old" }] });
    s = event(s, { type: "partial", cardId: "1-0", patch: [{ f: "vignette", append: " man" }, { f: "options", i: 0, append: "Aor" }] });
    expect(s.cards[0]).toMatchObject({ state: "writing", partial: { vignette: "A 54-year-old man", options: ["Aor"] } });
    s = event(s, { type: "drop", cardId: "1-0", reason: "too_long", message: "too long" });
    // A drop is a line, not a card: the card being written goes.
    expect(s.cards).toEqual([]);
    expect(s.drops).toEqual([{ cardId: "1-0", reason: "too_long", message: "too long", detail: undefined }]);
    expect(s.dropped).toBe(1);
  });
});

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

/** A job's log as the server replays it: two cards done (one dropped between), a third being written. */
const LOG: GenerationEvent[] = [
  start(),
  { type: "partial", cardId: "1-0", patch: [{ f: "vignette", append: "A 54-year-old" }] },
  { type: "complete", cardId: "1-0", question, questionId: "q1" },
  { type: "progress", accepted: 1, requested: 3, dropped: 0, round: 1 },
  { type: "partial", cardId: "1-1", patch: [{ f: "vignette", append: "Dropped" }] },
  { type: "drop", cardId: "1-1", reason: "near_duplicate", message: "Nearly the same." },
  { type: "progress", accepted: 1, requested: 3, dropped: 1, round: 1 },
  { type: "complete", cardId: "1-2", question, questionId: "q2" },
  { type: "progress", accepted: 2, requested: 3, dropped: 1, round: 1 },
  { type: "partial", cardId: "1-3", patch: [{ f: "vignette", append: "A 30-year" }] },
  { type: "partial", cardId: "1-3", patch: [{ f: "vignette", append: "-old woman" }] },
];

describe("runReducer: a reconnect replays the log from the start", () => {
  const opened = (s: RunState) => runReducer(s, { type: "opened" });

  it("the replay leaves the cards, drops and counts as they were, the card being written not doubled", () => {
    const once = events(opened(newRun(job())), LOG);
    const twice = events(opened(once), LOG);
    expect(twice.cards).toEqual(once.cards);
    expect(twice.drops).toEqual(once.drops);
    expect([twice.accepted, twice.dropped]).toEqual([2, 1]);
    expect(twice.cards.map((c) => [c.id, c.state])).toEqual([
      ["1-0", "complete"],
      ["1-2", "complete"],
      ["1-3", "writing"],
    ]);
    expect(twice.cards[2]).toMatchObject({ partial: { vignette: "A 30-year-old woman" } });
  });

  it("what the student did with a card survives the replay, by card id", () => {
    let s = events(opened(newRun(job())), LOG);
    s = runReducer(s, { type: "answered", cardId: "1-0" });
    s = runReducer(s, { type: "revealed", cardId: "1-2" });
    s = runReducer(s, { type: "reconnecting" });
    expect(s.reconnecting).toBe(true);
    s = events(opened(s), LOG);
    expect(s.reconnecting).toBe(false);
    expect(s.cards.filter((c) => c.state === "complete").map((c) => c.view)).toEqual(["answered", "revealed"]);
    // The run then goes on live from where the log ended.
    s = events(s, [
      { type: "complete", cardId: "1-3", question, questionId: "q3" },
      { type: "done", status: "complete", accepted: 3, saved: 3, dropped: 1 },
    ]);
    expect(s.cards.map((c) => c.state === "complete" && c.view)).toEqual(["answered", "revealed", "hidden"]);
    expect(s.phase).toBe("finished");
  });

  it("a preview decided before the page opened shows decided (the job keeps the decisions)", () => {
    const s = events(newRun(job({ preview: true, decisions: { "1-0": { decision: "accepted", questionId: "saved-1" }, "1-1": { decision: "discarded" } } })), [
      start({ preview: true }),
      { type: "complete", cardId: "1-0", question, previewToken: "t".repeat(20) },
      { type: "complete", cardId: "1-1", question, previewToken: "u".repeat(20) },
      { type: "complete", cardId: "1-2", question, previewToken: "v".repeat(20) },
    ]);
    expect(s.cards.map((c) => c.state === "complete" && [c.decision ?? null, c.questionId ?? null])).toEqual([
      ["accepted", "saved-1"],
      ["discarded", null],
      [null, null],
    ]);
  });

  it("a preview card accepted or discarded keeps that decision and its saved id", () => {
    const previewLog: GenerationEvent[] = [
      start({ preview: true }),
      { type: "complete", cardId: "1-0", question, previewToken: "t".repeat(20) },
      { type: "complete", cardId: "1-1", question, previewToken: "u".repeat(20) },
    ];
    let s = events(newRun(job({ preview: true })), previewLog);
    s = runReducer(s, { type: "decide", cardId: "1-0", decision: "accepted", questionId: "saved-1" });
    s = runReducer(s, { type: "decide", cardId: "1-1", decision: "discarded" });
    s = events(opened(s), previewLog);
    expect(s.cards.map((c) => c.state === "complete" && [c.decision, c.questionId ?? null])).toEqual([
      ["accepted", "saved-1"],
      ["discarded", null],
    ]);
  });
});

describe("runReducer: restart", () => {
  it("drops the card being written, keeps the complete ones, and adds the retry's cards after them", () => {
    let s = events(newRun(job()), LOG);
    s = event(s, { type: "restart", attempt: 2, message: "The server restarted; the generation goes on." });
    expect(s.cards.map((c) => [c.id, c.state])).toEqual([
      ["1-0", "complete"],
      ["1-2", "complete"],
    ]);
    expect(s.restarted).toMatch(/restarted/);
    // The retry's cards (the server prefixes their ids with the attempt) come after the kept ones.
    s = events(s, [
      start({ attempt: 2 }),
      { type: "partial", cardId: "a2-1-0", patch: [{ f: "vignette", append: "Retry" }] },
      { type: "complete", cardId: "a2-1-0", question: { ...question, vignette: "Retry" }, questionId: "q3" },
    ]);
    expect(s.cards).toHaveLength(3);
    expect(s.cards.map((c) => c.state === "complete" && c.questionId)).toEqual(["q1", "q2", "q3"]);
  });

  it("a replay of a restarted job gives the same cards", () => {
    const log: GenerationEvent[] = [
      ...LOG,
      start({ attempt: 2 }),
      { type: "restart", attempt: 2, message: "Restarted." },
      { type: "complete", cardId: "a2-1-0", question, questionId: "q3" },
    ];
    const once = events(newRun(job()), log);
    const twice = events(runReducer(once, { type: "opened" }), log);
    expect(twice.cards).toEqual(once.cards);
    expect(twice.cards).toHaveLength(3);
  });
});

describe("runReducer: done", () => {
  it("a cancelled run ends with no card still being written", () => {
    const s = event(events(newRun(job()), LOG), { type: "done", status: "cancelled", accepted: 2, saved: 2, dropped: 1 });
    expect(s).toMatchObject({ phase: "finished", cancelled: true, accepted: 2 });
    expect(s.cards.every((c) => c.state === "complete")).toBe(true);
  });
});

describe("generationReducer: several jobs", () => {
  const send = (s: GenerationState, jobId: string, action: RunAction) => generationReducer(s, { type: "job", jobId, action });
  const ev = (s: GenerationState, jobId: string, e: GenerationEvent) => send(s, jobId, { type: "event", event: e });

  it("a refusal before any job started is shown by the form; a new run clears it", () => {
    const starting = generationReducer(initialGeneration, { type: "begin" });
    expect(generationPhase(starting)).toBe("starting");
    const refused = generationReducer(starting, {
      type: "refused",
      error: { code: "bad_input", message: 'Your material has 2 passages on "x"; upload more on it or pick another topic.' },
    });
    expect(refused.refusal?.message).toMatch(/2 passages/);
    expect(refused.runs).toEqual([]);
    expect(generationPhase(refused)).toBe("idle");
    expect(generationReducer(refused, { type: "begin" }).refusal).toBeUndefined();
  });

  it("keeps one run per job in the order asked, routes each event to its job, and sums the progress", () => {
    let s = generationReducer(generationReducer(initialGeneration, { type: "begin" }), {
      type: "watch",
      jobs: [job({ jobId: "a", topic: "heart valves", requested: 3 }), job({ jobId: "b", topic: "cardiac muscle", requested: 2 })],
    });
    expect(s.runs.map((r) => r.topic)).toEqual(["heart valves", "cardiac muscle"]);
    expect(totals(s)).toEqual({ accepted: 0, requested: 5, dropped: 0 });
    // Both jobs number their cards the same way: each keeps its own.
    s = ev(s, "b", start({ jobId: "b", topic: "cardiac muscle", requested: 2 }));
    s = ev(s, "b", { type: "complete", cardId: "1-0", question, questionId: "qb" });
    s = ev(s, "b", { type: "progress", accepted: 1, requested: 2, dropped: 1, round: 1 });
    s = ev(s, "a", start({ jobId: "a" }));
    s = ev(s, "a", { type: "complete", cardId: "1-0", question, questionId: "qa" });
    s = ev(s, "a", { type: "progress", accepted: 1, requested: 3, dropped: 0, round: 1 });
    s = send(s, "a", { type: "answered", cardId: "1-0" });
    expect(s.runs.map((r) => r.cards.map((c) => c.state === "complete" && [c.questionId, c.view]))).toEqual([[["qa", "answered"]], [["qb", "hidden"]]]);
    expect(totals(s)).toEqual({ accepted: 2, requested: 5, dropped: 1 });
    expect(generationPhase(s)).toBe("running");
    s = ev(s, "a", { type: "done", status: "complete", accepted: 3, saved: 3, dropped: 0 });
    expect(generationPhase(s)).toBe("running"); // b is still going
    s = ev(s, "b", { type: "done", status: "complete", accepted: 2, saved: 2, dropped: 1 });
    expect(generationPhase(s)).toBe("finished");
    expect(totals(s)).toEqual({ accepted: 5, requested: 5, dropped: 1 });
  });

  it("a restart in one job leaves the other job's card being written alone", () => {
    let s = generationReducer(initialGeneration, { type: "watch", jobs: [job({ jobId: "a" }), job({ jobId: "b" })] });
    for (const id of ["a", "b"]) {
      s = ev(s, id, start({ jobId: id }));
      s = ev(s, id, { type: "partial", cardId: "1-0", patch: [{ f: "vignette", append: "Writing" }] });
    }
    s = ev(s, "a", { type: "restart", attempt: 2, message: "Restarted." });
    expect(s.runs.map((r) => r.cards.length)).toEqual([0, 1]);
  });

  it("events of a job the page no longer shows change nothing", () => {
    const s = generationReducer(initialGeneration, { type: "watch", jobs: [job({ jobId: "a" })] });
    expect(ev(s, "old", start({ jobId: "old" }))).toBe(s);
  });

  it("Cancel waits for each job's done; a failed cancel says why and can be pressed again", () => {
    let s = generationReducer(initialGeneration, { type: "watch", jobs: [job({ jobId: "a" })] });
    s = ev(s, "a", start({ jobId: "a" }));
    s = generationReducer(s, { type: "cancelling" });
    expect(s.cancelling).toBe(true);
    expect(generationPhase(s)).toBe("running");
    const failed = generationReducer(s, { type: "cancel-failed", message: "Could not reach the server." });
    expect(failed).toMatchObject({ cancelling: false, cancelError: "Could not reach the server." });
    s = ev(s, "a", { type: "done", status: "cancelled", accepted: 0, saved: 0, dropped: 0 });
    expect(generationPhase(s)).toBe("finished");
    expect(s.runs[0]!.cancelled).toBe(true);
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
