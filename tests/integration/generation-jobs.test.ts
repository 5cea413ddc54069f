/**
 * Generation as a durable job, through its HTTP edges with Auth.js's real session cookie: the
 * stream (GET /api/jobs/:id/stream) read with the AI SDK's own client helper (DefaultChatTransport's
 * reconnectToStream), a reconnect mid-run that replays the cards so far, a replay from the database
 * when the event log is gone, Cancel (POST /api/jobs/:id/cancel) of a waiting and of a running job,
 * 404 for another student's job, a worker stopped mid-run whose retry writes only the rest, and the
 * engine giving up on a job.
 */
import crypto from "node:crypto";
import { DefaultChatTransport, type UIMessageChunk } from "ai";
import { eq } from "drizzle-orm";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { generationJobs, questions } from "@/db/schema";
import type { GenerationEvent, GenerationUIMessage } from "@/lib/ai/events";
import { startGenerationSchema } from "@/lib/ai/request";
import { type LlmServer, startLlmServer } from "../llm-server/server";
import { makeUser, testDb } from "../setup/db";
import { newRequest, request } from "./support/next-request";
import { makeMaterial, testRetrieve } from "./support/generation";

vi.mock("next/headers", async () => (await import("./support/next-request")).nextHeaders);

const { authSecret } = await import("@/lib/auth/secret");
const { resetEnvForTests } = await import("@/lib/env");
const { startGenerations } = await import("@/lib/ai/start");
const { CANCEL_CHANNEL, generateJob, generationLogKey } = await import("@/lib/ai/generate-job");
const { createJob } = await import("@/db/queries/generation");
const { resetEventLogForTests } = await import("@/lib/jobs/event-log");
const { startAllWorkers, stopJobs } = await import("@/lib/jobs");
const streamRoute = await import("@/app/api/jobs/[id]/stream/route");
const cancelRoute = await import("@/app/api/jobs/[id]/cancel/route");

type Student = { id: string; email: string };
/** The real Redis when the suite runs against one (the tests below run on memory unless they say). */
const REDIS_URL = process.env.REDIS_URL;

async function signIn(user: Student) {
  const token = await encode({ token: { sub: user.id, email: user.email, name: null, sid: crypto.randomUUID(), sv: 0 }, secret: authSecret(), salt: "authjs.session-token" });
  newRequest({ cookie: { "authjs.session-token": token } });
}
const cookie = () => [...request.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
const params = (id: string) => ({ params: Promise.resolve({ id }) });

/** The page's way to read a job: the AI SDK's transport, its fetch served by the route handler. */
function transport() {
  return new DefaultChatTransport<GenerationUIMessage>({
    api: "/api/jobs",
    fetch: async (input, init) => {
      const url = new URL(String(input), "http://localhost:3000");
      const id = url.pathname.split("/")[3]!;
      return streamRoute.GET(new Request(url, { ...init, headers: { cookie: cookie(), host: "localhost:3000" } }), params(id));
    },
  });
}

/** Reads a job's stream until `stopWhen` or its end; returns the events (the data parts' data). */
async function readStream(jobId: string, stopWhen: (e: GenerationEvent, all: GenerationEvent[]) => boolean = () => false) {
  const abort = new AbortController();
  const stream = await transport().reconnectToStream({ chatId: jobId, abortSignal: abort.signal });
  expect(stream).not.toBeNull();
  const events: GenerationEvent[] = [];
  const reader = stream!.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    const chunk = value as UIMessageChunk;
    expect(chunk.type.startsWith("data-")).toBe(true);
    const e = (chunk as { data: GenerationEvent }).data;
    expect(chunk.type).toBe(`data-${e.type}`);
    events.push(e);
    if (stopWhen(e, events)) {
      abort.abort();
      await reader.cancel().catch(() => {});
      break;
    }
  }
  return events;
}

let server: LlmServer;
let me: Student;
let other: Student;
beforeAll(async () => {
  server = await startLlmServer({ ttftMs: 30, tokenMs: 4, tokenChars: 8 });
  other = await makeUser(await testDb());
});
afterAll(async () => {
  await server?.close();
  delete process.env.OPENAI_BASE_URL;
  delete process.env.QUESTION_GEN_MODEL;
  resetEnvForTests();
});
beforeEach(async () => {
  process.env.GENERATIONS_PER_USER_PER_HOUR = "1000";
  process.env.GENERATIONS_PER_IP_PER_HOUR = "1000";
  process.env.QUESTIONS_PER_USER_PER_DAY = "1000";
  delete process.env.REDIS_URL;
  delete process.env.OPENAI_BASE_URL;
  delete process.env.QUESTION_GEN_MODEL;
  resetEnvForTests();
  await resetEventLogForTests();
  // A student of their own per test: a fresh bank, so the duplicate gates do not thin out the runs.
  const db = await testDb();
  me = await makeUser(db);
  await makeMaterial(db, me.id);
  await signIn(me);
});

const slowModel = () => {
  process.env.OPENAI_BASE_URL = server.url;
  process.env.QUESTION_GEN_MODEL = "test-model-a";
  resetEnvForTests();
};

async function start(over: Record<string, unknown> = {}) {
  const db = await testDb();
  const input = startGenerationSchema.parse({ topic: "heart valves", count: 3, ...over });
  return startGenerations(me.id, input, { ip: "10.0.0.1", retrieve: testRetrieve(db) });
}

const completes = (events: GenerationEvent[]) => events.filter((e): e is Extract<GenerationEvent, { type: "complete" }> => e.type === "complete");

describe("the generation stream", () => {
  it("sends the job's events as typed data parts the AI SDK's client reads, ending with done", async () => {
    const [job] = await start();
    const events = await readStream(job!.jobId);
    // The first start may come from the job's row (attempt 0: no worker yet), then the worker's own.
    expect(events[0]).toMatchObject({ type: "start", jobId: job!.jobId, topic: "heart valves", requested: 3 });
    expect(events).toContainEqual(expect.objectContaining({ type: "start", attempt: 1 }));
    expect(completes(events)).toHaveLength(3);
    expect(completes(events).every((e) => typeof e.questionId === "string")).toBe(true);
    expect(events.at(-1)).toMatchObject({ type: "done", status: "complete", saved: 3 });
    // Read again after the end: the same cards, from the log.
    const again = await readStream(job!.jobId);
    expect(completes(again).map((e) => e.questionId)).toEqual(completes(events).map((e) => e.questionId));
  });

  it("a reconnect mid-run replays the cards so far, then the rest live; nothing twice", async () => {
    slowModel();
    const [job] = await start({ count: 4 });
    const first = await readStream(job!.jobId, (e) => e.type === "complete");
    const firstCard = completes(first)[0]!;
    const second = await readStream(job!.jobId);
    const cards = completes(second);
    expect(cards[0]!.cardId).toBe(firstCard.cardId);
    const done = second.at(-1) as Extract<GenerationEvent, { type: "done" }>;
    expect(done).toMatchObject({ type: "done", status: "complete" });
    // The test model does not always get all 4 past the gates in its two rounds: what matters is
    // that the page saw each saved card once.
    expect(cards.length).toBe(done.saved);
    expect(cards.length).toBeGreaterThan(1);
    expect(new Set(cards.map((c) => c.questionId)).size).toBe(cards.length);
    // A replay leaves out the partial updates of cards that were finished by then.
    const replayedBeforeFirst = second.slice(0, second.indexOf(cards[0]!));
    expect(replayedBeforeFirst.some((e) => e.type === "partial" && e.cardId === firstCard.cardId)).toBe(false);
  });

  it("when the event log is gone, the finished cards and the end come from the database", async () => {
    const [job] = await start({ count: 2 });
    const live = await readStream(job!.jobId);
    await resetEventLogForTests(); // as after a restart in memory mode, or Redis flushed
    const fromDb = await readStream(job!.jobId);
    expect(fromDb.map((e) => e.type)).toEqual(["start", "complete", "complete", "progress", "done"]);
    expect(completes(fromDb).map((e) => e.questionId)).toEqual(completes(live).map((e) => e.questionId));
    expect(completes(fromDb)[0]!.question.vignette).toBe(completes(live)[0]!.question.vignette);
  });

  it("a run whose log this process cannot see (another process's memory) still shows each card, from the database", async () => {
    slowModel();
    const [job] = await start({ count: 3 });
    await readStream(job!.jobId, (e) => e.type === "partial"); // the worker is writing to its log
    await resetEventLogForTests(); // this process's reader now has another, empty one
    const events = await readStream(job!.jobId);
    expect(events[0]).toMatchObject({ type: "start", jobId: job!.jobId });
    expect(events.some((e) => e.type === "partial")).toBe(false);
    const done = events.at(-1) as Extract<GenerationEvent, { type: "done" }>;
    expect(done).toMatchObject({ type: "done", status: "complete" });
    expect(completes(events)).toHaveLength(done.saved);
    expect(done.saved).toBeGreaterThan(0);
  });

  it("opening streams is rate limited per student (each holds a connection)", async () => {
    process.env.JOB_STREAMS_PER_USER_PER_MINUTE = "2";
    resetEnvForTests();
    try {
      const [job] = await start({ count: 1 });
      await readStream(job!.jobId);
      await readStream(job!.jobId);
      const res = await streamRoute.GET(new Request(`http://localhost:3000/api/jobs/${job!.jobId}/stream`, { headers: { cookie: cookie() } }), params(job!.jobId));
      expect(res.status).toBe(429);
      expect(res.headers.get("retry-after")).toMatch(/^\d+$/);
    } finally {
      delete process.env.JOB_STREAMS_PER_USER_PER_MINUTE;
      resetEnvForTests();
    }
  });

  it("another student's job is a 404, for the stream and for Cancel", async () => {
    const [job] = await start({ count: 1 });
    await readStream(job!.jobId);
    await signIn(other);
    const res = await streamRoute.GET(new Request(`http://localhost:3000/api/jobs/${job!.jobId}/stream`, { headers: { cookie: cookie() } }), params(job!.jobId));
    expect(res.status).toBe(404);
    const cancel = await cancelRoute.POST(
      new Request(`http://localhost:3000/api/jobs/${job!.jobId}/cancel`, { method: "POST", headers: { cookie: cookie(), host: "localhost:3000" } }),
      params(job!.jobId),
    );
    expect(cancel.status).toBe(404);
  });
});

describe("a preview job", () => {
  it("keeps its cards pending on the job; accept and discard are remembered for a page that reopens it", async () => {
    const { acceptPreview, discardPreview } = await import("@/lib/ai/accept-preview");
    const { watchableJobs } = await import("@/lib/ai/jobs");
    const [job] = await start({ count: 3, preview: true });
    const events = await readStream(job!.jobId);
    const cards = completes(events);
    expect(cards).toHaveLength(3);
    expect(cards.every((c) => c.previewToken && !c.questionId)).toBe(true);
    const { questionId } = await acceptPreview(me.id, cards[0]!.previewToken!);
    await discardPreview(me.id, job!.jobId, cards[1]!.cardId);
    await expect(discardPreview(other.id, job!.jobId, cards[2]!.cardId)).rejects.toMatchObject({ code: "not_found" });
    await expect(discardPreview(me.id, job!.jobId, "no-such-card")).rejects.toMatchObject({ code: "not_found" });
    const [reopened] = await watchableJobs(me.id, [job!.jobId]);
    expect(reopened!.decisions).toEqual({
      [cards[0]!.cardId]: { decision: "accepted", questionId },
      [cards[1]!.cardId]: { decision: "discarded" },
    });
    expect(await watchableJobs(other.id, [job!.jobId])).toEqual([]);
    // With the log gone, the cards (and their tokens) come back from the job.
    await resetEventLogForTests();
    const fromDb = completes(await readStream(job!.jobId));
    expect(fromDb.map((c) => c.previewToken)).toEqual(cards.map((c) => c.previewToken));
  });
});

describe("Cancel", () => {
  const cancel = (jobId: string) =>
    cancelRoute.POST(new Request(`http://localhost:3000/api/jobs/${jobId}/cancel`, { method: "POST", headers: { cookie: cookie(), host: "localhost:3000" } }), params(jobId));

  it("a waiting job is cancelled at once and its stream ends", async () => {
    const jobId = await createJob(me.id, { request: { topic: "heart valves", count: 2 }, requestedCount: 2, model: "offline", passages: [], context: {} });
    const res = await cancel(jobId);
    expect(await res.json()).toEqual({ status: "cancelled" });
    const events = await readStream(jobId);
    expect(events.at(-1)).toMatchObject({ type: "done", status: "cancelled" });
    // A worker that takes it later does nothing.
    await generateJob.run({ jobId }, { id: "x", retryCount: 0, retryLimit: 0, signal: new AbortController().signal });
    const db = await testDb();
    expect((await db.select().from(generationJobs).where(eq(generationJobs.id, jobId)))[0]).toMatchObject({ status: "cancelled", attempts: 0 });
  });

  it("a running job whose worker is gone (no sign of life) is cancelled at once, keeping what it saved", async () => {
    const jobId = await createJob(me.id, { request: { topic: "heart valves", count: 2 }, requestedCount: 2, model: "offline", passages: [], context: {} });
    const db = await testDb();
    const stale = new Date(Date.now() - 60_000);
    await db.update(generationJobs).set({ status: "running", attempts: 1, startedAt: stale, heartbeatAt: stale }).where(eq(generationJobs.id, jobId));
    expect(await (await cancel(jobId)).json()).toEqual({ status: "cancelled" });
    expect((await db.select().from(generationJobs).where(eq(generationJobs.id, jobId)))[0]).toMatchObject({ status: "cancelled", savedCount: 0 });
    expect((await readStream(jobId)).at(-1)).toMatchObject({ type: "done", status: "cancelled" });
    // A live worker's job (a recent sign of life) is only told to stop.
    const live = await createJob(me.id, { request: { topic: "heart valves", count: 2 }, requestedCount: 2, model: "offline", passages: [], context: {} });
    await db.update(generationJobs).set({ status: "running", attempts: 1, startedAt: stale, heartbeatAt: new Date() }).where(eq(generationJobs.id, live));
    expect(await (await cancel(live)).json()).toEqual({ status: "running" });
    expect((await db.select().from(generationJobs).where(eq(generationJobs.id, live)))[0]!.cancelRequestedAt).not.toBeNull();
  });

  it("a running job stops its model call and keeps what it saved", async () => {
    slowModel();
    const [job] = await start({ count: 5 });
    await readStream(job!.jobId, (e) => e.type === "complete");
    expect(await (await cancel(job!.jobId)).json()).toEqual({ status: "running" });
    const callsAtCancel = server.stats.length;
    const events = await readStream(job!.jobId);
    const done = events.at(-1) as Extract<GenerationEvent, { type: "done" }>;
    expect(done).toMatchObject({ type: "done", status: "cancelled" });
    expect(done.saved).toBeLessThan(5);
    const db = await testDb();
    const saved = await db.select().from(questions).where(eq(questions.generationJobId, job!.jobId));
    expect(saved).toHaveLength(done.saved);
    // The writing call in flight was aborted, and no call was made after Cancel.
    expect(server.stats.length).toBe(callsAtCancel);
    await expect.poll(() => server.stats.filter((c) => c.kind === "write").at(-1)!.aborted).toBe(true);
  });
});

describe.skipIf(!REDIS_URL)("through Redis (the way separate workers and web processes talk)", () => {
  it("the stream follows the Redis log, and Cancel reaches the run over pub/sub", async () => {
    process.env.REDIS_URL = REDIS_URL;
    slowModel();
    await resetEventLogForTests();
    try {
      const [job] = await start({ count: 5 });
      const first = await readStream(job!.jobId, (e) => e.type === "complete");
      expect(completes(first)).toHaveLength(1);
      // Another process's view of the channel: the announcement goes over Redis.
      const { RedisEventLog } = await import("@/lib/jobs/event-log");
      const elsewhere = new RedisEventLog(REDIS_URL!);
      const heard: string[] = [];
      await elsewhere.subscribe(CANCEL_CHANNEL, (m) => heard.push(m));
      const cancelled = await cancelRoute.POST(
        new Request(`http://localhost:3000/api/jobs/${job!.jobId}/cancel`, { method: "POST", headers: { cookie: cookie(), host: "localhost:3000" } }),
        params(job!.jobId),
      );
      expect(await cancelled.json()).toEqual({ status: "running" });
      const events = await readStream(job!.jobId);
      expect(events[0]).toMatchObject({ type: "start" });
      expect(events.at(-1)).toMatchObject({ type: "done", status: "cancelled" });
      const { default: Redis } = await import("ioredis");
      const r = new Redis(REDIS_URL!);
      const ttl = await r.ttl(`studyin:events:${generationLogKey(job!.jobId)}`);
      r.disconnect();
      expect(ttl).toBeGreaterThan(0); // sealed: kept for GENERATION_EVENTS_TTL_SECONDS
      expect(heard).toEqual([job!.jobId]);
      await elsewhere.close();
    } finally {
      delete process.env.REDIS_URL;
      resetEnvForTests();
      await resetEventLogForTests();
    }
  });
});

describe("a worker stopped mid-run", () => {
  it("hands the job back; the retry writes only the missing questions, and the page is told", async () => {
    slowModel();
    const [job] = await start({ count: 4 });
    await readStream(job!.jobId, (e) => e.type === "complete");
    await stopJobs({ timeoutMs: 0 });
    const db = await testDb();
    const cut = (await db.select().from(generationJobs).where(eq(generationJobs.id, job!.jobId)))[0]!;
    expect(cut, JSON.stringify({ error: cut.error, attempts: cut.attempts })).toMatchObject({ status: "running" });
    const savedAtCut = (await db.select().from(questions).where(eq(questions.generationJobId, job!.jobId))).length;
    expect(savedAtCut).toBeGreaterThanOrEqual(1);
    expect(savedAtCut).toBeLessThan(4);

    await startAllWorkers();
    const events = await readStream(job!.jobId);
    expect(events).toContainEqual(expect.objectContaining({ type: "restart", attempt: 2 }));
    const done = events.at(-1) as Extract<GenerationEvent, { type: "done" }>;
    expect(done).toMatchObject({ type: "done", status: "complete" });
    // Progress counts the whole job: the retry's progress starts from what was saved before it.
    const progress = events.filter((e) => e.type === "progress");
    expect(progress.at(-1)).toMatchObject({ accepted: done.accepted, requested: 4 });
    expect(progress.every((e, i) => i === 0 || e.accepted >= progress[i - 1]!.accepted)).toBe(true);
    // The retry wrote more, never past the request, and each question once.
    expect(done.saved).toBeGreaterThan(savedAtCut);
    expect(done.saved).toBeLessThanOrEqual(4);
    const saved = await db.select().from(questions).where(eq(questions.generationJobId, job!.jobId));
    expect(saved).toHaveLength(done.saved);
    expect(new Set(saved.map((q) => q.vignette + q.leadIn)).size).toBe(saved.length);
    expect((await db.select().from(generationJobs).where(eq(generationJobs.id, job!.jobId)))[0]).toMatchObject({ attempts: 2, savedCount: done.saved });
    // Cards from both attempts have distinct ids on the page.
    const ids = completes(events).map((e) => e.cardId);
    expect(new Set(ids).size).toBe(ids.length);
  }, 60_000);

  it("once the engine gives up, the job ends with the reason and what it saved, and its stream ends", async () => {
    const jobId = await createJob(me.id, { request: { topic: "heart valves", count: 2 }, requestedCount: 2, model: "offline", passages: [], context: {} });
    const db = await testDb();
    await db.update(generationJobs).set({ status: "running", attempts: 3 }).where(eq(generationJobs.id, jobId));
    await generateJob.gaveUp({ jobId }, "job expired");
    const row = (await db.select().from(generationJobs).where(eq(generationJobs.id, jobId)))[0]!;
    expect(row).toMatchObject({ status: "failed", error: expect.stringMatching(/took too long/) });
    expect(row.finishedAt).not.toBeNull();
    const events = await readStream(jobId);
    expect(events.at(-1)).toMatchObject({ type: "done", status: "failed" });
    // Given up twice (the dead-letter queue retries its own handler): the first end stands.
    await generateJob.gaveUp({ jobId }, "some other reason");
    expect((await db.select().from(generationJobs).where(eq(generationJobs.id, jobId)))[0]).toMatchObject({ error: row.error, finishedAt: row.finishedAt });
  });
});

describe.each([
  ["memory", false],
  ["redis", true],
] as const)("the event log (%s)", (kind, needsRedis) => {
  const skip = needsRedis && !REDIS_URL;
  const redisUrl = REDIS_URL;

  it.skipIf(skip)("replays from the start, says when it has caught up, then follows live; seal keeps it for the TTL", async () => {
    const { MemoryEventLog, RedisEventLog } = await import("@/lib/jobs/event-log");
    const log = kind === "memory" ? new MemoryEventLog() : new RedisEventLog(redisUrl!);
    const key = generationLogKey(crypto.randomUUID());
    await log.append(key, { n: 1 });
    await log.append(key, { n: 2 });
    const abort = new AbortController();
    const seen: (object | null)[] = [];
    const reading = (async () => {
      for await (const e of log.follow(key, { signal: abort.signal, idleMs: 200 })) {
        seen.push(e);
        if (e && (e as { n: number }).n === 3) abort.abort();
      }
    })();
    await expect.poll(() => seen.length).toBeGreaterThanOrEqual(3);
    await log.append(key, { n: 3 });
    await reading;
    expect(seen.filter(Boolean)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(seen[2]).toBeNull(); // caught up after the backlog
    await log.seal(key, 60);
    const heard: string[] = [];
    const unsubscribe = await log.subscribe("studyin:test", (m) => heard.push(m));
    await log.publish("studyin:test", "hello");
    await expect.poll(() => heard).toEqual(["hello"]);
    unsubscribe();
    if (log instanceof RedisEventLog) {
      const { default: Redis } = await import("ioredis");
      const r = new Redis(redisUrl!);
      const ttl = await r.ttl(`studyin:events:${key}`);
      r.disconnect();
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(60);
      await log.close();
    }
  });
});
