/**
 * Following a job's stream with the AI SDK's transport: the responses are built with the SDK's own
 * createUIMessageStreamResponse (the route's format), fetch is the only thing replaced.
 */
import { createUIMessageStream, createUIMessageStreamResponse } from "ai";
import { afterEach, describe, expect, it, vi } from "vitest";
import { followJob, LOST_MESSAGE } from "@/components/generate/follow-job";
import { type RunAction, newRun, runReducer } from "@/components/generate/run-state";
import type { CompletedQuestion, GenerationEvent, GenerationUIMessage } from "@/lib/ai/events";

const question = {
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
} satisfies CompletedQuestion;

const JOB = "0b6f5d2e-3a55-4c39-9a51-4d1c43a1e001";
const LOG: GenerationEvent[] = [
  { type: "start", jobId: JOB, topic: "heart valves", attempt: 1, preview: false, requested: 2, generator: { kind: "offline", label: "offline" }, passages: [] },
  { type: "partial", cardId: "1-0", patch: [{ f: "vignette", append: "A 54" }] },
  { type: "complete", cardId: "1-0", question, questionId: "q1" },
  { type: "progress", accepted: 1, requested: 2, dropped: 0, round: 1 },
  { type: "partial", cardId: "1-1", patch: [{ f: "vignette", append: "A 30" }] },
];
const REST: GenerationEvent[] = [
  { type: "partial", cardId: "1-1", patch: [{ f: "vignette", append: "-year-old" }] },
  { type: "complete", cardId: "1-1", question, questionId: "q2" },
  { type: "progress", accepted: 2, requested: 2, dropped: 0, round: 1 },
  { type: "done", status: "complete", accepted: 2, saved: 2, dropped: 0 },
];

/** The job's stream as the route sends it: one data part per event. */
function streamOf(events: GenerationEvent[]) {
  return createUIMessageStreamResponse({
    stream: createUIMessageStream<GenerationUIMessage>({
      execute: ({ writer }) => {
        for (const e of events) writer.write({ type: `data-${e.type}`, data: e } as never);
      },
    }),
  });
}

function follow(responses: (() => Response)[]) {
  const urls: string[] = [];
  vi.stubGlobal("fetch", async (url: string) => {
    urls.push(url);
    const next = responses.shift();
    if (!next) throw new TypeError("Failed to fetch");
    return next();
  });
  let state = newRun({ jobId: JOB, topic: "heart valves", requested: 2, difficulty: 3, preview: false, status: "running", generator: { kind: "offline", label: "offline" }, passages: [], decisions: {} });
  const actions: RunAction["type"][] = [];
  const send = (a: RunAction) => {
    actions.push(a.type);
    state = runReducer(state, a);
    // The student answers the first card while the stream is still open.
    if (a.type === "event" && a.event.type === "complete" && a.event.cardId === "1-0") state = runReducer(state, { type: "answered", cardId: "1-0" });
  };
  return { urls, actions, state: () => state, send };
}

afterEach(() => vi.unstubAllGlobals());

describe("followJob", () => {
  it("reads the data parts, reopens a stream that ended before done, and the replay doubles nothing", async () => {
    const f = follow([() => streamOf(LOG), () => streamOf([...LOG, ...REST])]);
    await followJob(JOB, new AbortController().signal, f.send);
    expect(f.urls).toEqual([`/api/jobs/${JOB}/stream`, `/api/jobs/${JOB}/stream`]);
    expect(f.actions.filter((a) => a === "opened" || a === "reconnecting")).toEqual(["opened", "reconnecting", "opened"]);
    const s = f.state();
    expect(s.phase).toBe("finished");
    expect(s.cards.map((c) => c.state === "complete" && [c.id, c.questionId, c.view])).toEqual([
      ["1-0", "q1", "answered"],
      ["1-1", "q2", "hidden"],
    ]);
  });

  it("tries again after a network failure", async () => {
    const f = follow([
      () => {
        throw new TypeError("Failed to fetch");
      },
      () => streamOf([...LOG, ...REST]),
    ]);
    await followJob(JOB, new AbortController().signal, f.send);
    expect(f.urls).toHaveLength(2);
    expect(f.state().done?.status).toBe("complete");
  });

  it("stops at once on a job that is not the student's", async () => {
    const f = follow([() => Response.json({ error: { code: "not_found", message: "That generation job was not found." } }, { status: 404 })]);
    await followJob(JOB, new AbortController().signal, f.send);
    expect(f.urls).toHaveLength(1);
    expect(f.state()).toMatchObject({ phase: "finished", error: { message: "That generation job was not found." } });
  });

  it("waits as long as a rate limit asks before trying again", async () => {
    vi.useFakeTimers();
    try {
      const f = follow([
        () => Response.json({ error: { code: "rate_limited", message: "Too many reconnects to your generations this minute.", retryAfterSeconds: 20 } }, { status: 429 }),
        () => streamOf([...LOG, ...REST]),
      ]);
      const done = followJob(JOB, new AbortController().signal, f.send);
      await vi.advanceTimersByTimeAsync(19_000);
      expect(f.urls).toHaveLength(1);
      expect(f.state().reconnecting).toBe(true);
      await vi.advanceTimersByTimeAsync(1_500);
      await done;
      expect(f.urls).toHaveLength(2);
      expect(f.state().done?.status).toBe("complete");
    } finally {
      vi.useRealTimers();
    }
  });

  it("a job that had ended and whose stream holds nothing is left, not retried", async () => {
    const f = follow([() => streamOf([])]);
    await followJob(JOB, new AbortController().signal, f.send, { ended: true });
    expect(f.urls).toHaveLength(1);
    expect(f.state().phase).toBe("finished");
  });

  it("gives up and says so when the server stays unreachable", { timeout: 60_000 }, async () => {
    vi.useFakeTimers();
    try {
      const f = follow([]);
      const done = followJob(JOB, new AbortController().signal, f.send);
      await vi.runAllTimersAsync();
      await done;
      expect(f.urls.length).toBeGreaterThan(3);
      expect(f.state()).toMatchObject({ phase: "finished", error: { message: LOST_MESSAGE } });
    } finally {
      vi.useRealTimers();
    }
  });

  it("an abort (a new run, leaving the page) ends the follow without a word", async () => {
    const ctrl = new AbortController();
    const f = follow([() => streamOf(LOG)]);
    const done = followJob(JOB, ctrl.signal, (a) => {
      f.send(a);
      if (a.type === "reconnecting") ctrl.abort();
    });
    await done;
    expect(f.urls).toHaveLength(1);
    expect(f.state().error).toBeUndefined();
  });
});
