/**
 * Generation end to end on a real database, the way the page runs it: startGenerations plans and
 * queues a job, this process's worker (WORKERS=on) runs it on pg-boss, and the events are read the
 * way GET /api/jobs/:id/stream reads them (lib/ai/jobs.ts). Writers: the offline generator, and
 * @ai-sdk/openai over HTTP against the local SSE test server. Cancel, a failing model, the quotas.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { generationJobs, questions } from "@/db/schema";
import { acceptPreview } from "@/lib/ai/accept-preview";
import type { GenerationEvent } from "@/lib/ai/events";
import { generationLogKey } from "@/lib/ai/generate-job";
import { generationEvents } from "@/lib/ai/jobs";
import { eventLog } from "@/lib/jobs/event-log";
import { startGenerationSchema } from "@/lib/ai/request";
import { cancelGeneration, startGenerations } from "@/lib/ai/start";
import { resetEnvForTests } from "@/lib/env";
import { type LlmServer, startLlmServer } from "../llm-server/server";
import { makeUser, testDb } from "../setup/db";
import { makeMaterial, testRetrieve } from "./support/generation";

let server: LlmServer;
beforeAll(async () => {
  server = await startLlmServer({ ttftMs: 50, tokenMs: 1, tokenChars: 12 });
});
afterAll(async () => server?.close());
beforeEach(() => {
  // Generous limits unless a test narrows them; no Redis here (the limits test covers it).
  process.env.GENERATIONS_PER_USER_PER_HOUR = "1000";
  process.env.GENERATIONS_PER_IP_PER_HOUR = "1000";
  process.env.QUESTIONS_PER_USER_PER_DAY = "100";
  delete process.env.REDIS_URL;
  delete process.env.OPENAI_BASE_URL;
  delete process.env.QUESTION_GEN_MODEL;
  resetEnvForTests();
});

/** Points the writer at the local OpenAI-compatible server with this model name (its behaviour). */
function useModel(url: string, model: string) {
  process.env.OPENAI_BASE_URL = url;
  process.env.QUESTION_GEN_MODEL = model;
  resetEnvForTests();
}

async function generate(userId: string, opts: { over?: Record<string, unknown>; cancelAfterFirst?: boolean } = {}) {
  const db = await testDb();
  const input = startGenerationSchema.parse({ topic: "heart valves", difficulty: 3, count: 3, level: 2, ...opts.over });
  const [started] = await startGenerations(userId, input, { ip: "10.0.0.1", retrieve: testRetrieve(db) });
  const jobId = started!.jobId;
  const events: GenerationEvent[] = [];
  let cancelled = false;
  for await (const e of generationEvents(userId, jobId, AbortSignal.timeout(60_000))) {
    events.push(e);
    if (opts.cancelAfterFirst && e.type === "complete" && !cancelled) {
      cancelled = true;
      await cancelGeneration(userId, jobId);
    }
    if (e.type === "done") break;
  }
  const [job] = await db.select().from(generationJobs).where(eq(generationJobs.id, jobId));
  const saved = await db.select().from(questions).where(eq(questions.generationJobId, jobId));
  return { job: job!, saved, events, started: started! };
}

describe("generation service", () => {
  it("offline: streams, validates and saves complete questions with their source and metadata", async () => {
    const db = await testDb();
    const user = await makeUser(db);
    const material = await makeMaterial(db, user.id);
    const { job, saved, events } = await generate(user.id);
    expect(events[0]).toMatchObject({ type: "start", generator: { kind: "offline" } });
    // The cards were written field by field: the job's log has their partial updates (a reader that
    // comes after a card is finished gets the card whole instead).
    const logged: object[] = [];
    for await (const e of eventLog().follow(generationLogKey(job.id), { signal: AbortSignal.timeout(10_000) })) {
      if (!e) break; // caught up
      logged.push(e);
    }
    expect(logged.some((e) => (e as GenerationEvent).type === "partial")).toBe(true);
    expect(events.filter((e) => e.type === "complete")).toHaveLength(3);
    expect(job).toMatchObject({ status: "complete", savedCount: 3, generatedCount: 3, requestedCount: 3, model: "offline-definitions-v1" });
    expect(saved).toHaveLength(3);
    for (const q of saved) {
      expect(q.materialId).toBe(material.id);
      // Tags as the bank keeps them: lower-case, and no internal item-type labels.
      for (const t of q.tags) expect(t).toBe(t.toLowerCase());
      expect(q.tags).not.toContain("key sentence");
      expect(q.options.length).toBeGreaterThanOrEqual(4);
      expect(q.optionExplanations).toHaveLength(q.options.length);
      expect(q.sourceChunkIds).toHaveLength(1);
      expect(q.promptTemplateVersion).toBe(2);
      expect(q.promptTemplateId).not.toBeNull();
      expect(q.generationMetadata).toMatchObject({ generator: "offline", templateVersion: 2, model: "offline-definitions-v1" });
      expect(q.generationMetadata.sourceQuality).toBeGreaterThan(0);
    }
  });

  it("openai-compatible: @ai-sdk/openai over HTTP saves questions with token counts", async () => {
    const db = await testDb();
    const user = await makeUser(db);
    await makeMaterial(db, user.id);
    useModel(server.url, "test-model-a");
    const { job, saved, started } = await generate(user.id);
    expect(started.generator.kind).toBe("llm");
    expect(job.status).toBe("complete");
    expect(saved).toHaveLength(3);
    expect(saved[0]!.generationMetadata).toMatchObject({ model: "test-model-a", generator: "llm" });
    expect(saved[0]!.generationMetadata.callOutputTokens).toBeGreaterThan(0);
    expect(server.stats.at(-1)).toMatchObject({ model: "test-model-a", aborted: false });
  });

  it("Cancel mid-stream aborts the model call, keeps the complete questions and marks the job", async () => {
    const db = await testDb();
    const user = await makeUser(db);
    await makeMaterial(db, user.id);
    const slow = await startLlmServer({ ttftMs: 20, tokenMs: 5, tokenChars: 8 });
    try {
      useModel(slow.url, "test-model-b");
      const { job, saved, events } = await generate(user.id, { over: { count: 5 }, cancelAfterFirst: true });
      expect(job.status).toBe("cancelled");
      expect(job.error).toMatch(/cancelled by the student/);
      expect(events.at(-1)).toMatchObject({ type: "done", status: "cancelled", saved: 1 });
      expect(saved).toHaveLength(1);
      expect(job.savedCount).toBe(1);
      await new Promise((r) => setTimeout(r, 50));
      expect(slow.stats[0]!.aborted).toBe(true);
    } finally {
      await slow.close();
    }
  });

  it("a model that writes a 10 MB field over HTTP is stopped early, and the next generation is served as usual", async () => {
    const db = await testDb();
    const user = await makeUser(db);
    await makeMaterial(db, user.id);
    useModel(server.url, `huge-field-${10 * 1024 * 1024}`);
    const before = server.stats.length;
    const { job, saved, events } = await generate(user.id, { over: { count: 1 } });
    expect(saved).toHaveLength(0);
    expect(job.status).toBe("failed");
    expect(job.drops).toContainEqual({ reason: "too_long", detail: expect.stringMatching(/ran past/) });
    expect(events.find((e) => e.type === "drop")).toMatchObject({ reason: "too_long", message: expect.stringMatching(/size limit/) });
    // Every event the browser would have received, together: bounded, though the field was 10 MB.
    expect(events.reduce((n, e) => n + JSON.stringify(e).length, 0)).toBeLessThan(100_000);
    await new Promise((r) => setTimeout(r, 50));
    // The server saw the call end before it finished writing (each round is one call).
    const calls = server.stats.slice(before);
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.every((s) => s.aborted)).toBe(true);
    // And the provider was given the configured output cap.
    expect(calls[0]!.maxTokens).toBe(8000);

    useModel(server.url, "test-model-a");
    const normal = await generate(user.id, { over: { count: 1 } });
    expect(normal.job.status).toBe("complete");
    expect(normal.saved).toHaveLength(1);
  });

  it("a failing model fails the job with a clear message and saves nothing", async () => {
    const db = await testDb();
    const user = await makeUser(db);
    await makeMaterial(db, user.id);
    useModel(server.url, "fail-always");
    const { job, saved, events } = await generate(user.id);
    expect(job.status).toBe("failed");
    expect(job.error).toMatch(/model/);
    expect(saved).toHaveLength(0);
    expect(events.find((e) => e.type === "error")).toBeDefined();
  });

  it("refuses a topic none of the material matches, before any job exists", async () => {
    const db = await testDb();
    const user = await makeUser(db);
    await makeMaterial(db, user.id);
    await expect(generate(user.id, { over: { topic: "zzzz qqqq" } })).rejects.toMatchObject({
      code: "bad_input",
      message: 'Your material has no passages on "zzzz qqqq"; upload more on it or pick another topic.',
    });
    // The heart chapter mentions the kidneys' nephrons nowhere; the glomerulus not at all.
    await expect(generate(user.id, { over: { topic: "renin angiotensin" } })).rejects.toMatchObject({
      code: "bad_input",
      message: expect.stringMatching(/^Your material has (no passages|[12] passages?) on "renin angiotensin"/),
    });
    expect(await db.select().from(generationJobs).where(eq(generationJobs.userId, user.id))).toHaveLength(0);
  });

  it("enforces the daily question quota and the hourly generation limit", async () => {
    const db = await testDb();
    const user = await makeUser(db);
    await makeMaterial(db, user.id);
    process.env.QUESTIONS_PER_USER_PER_DAY = "4";
    process.env.GENERATIONS_PER_USER_PER_HOUR = "2";
    resetEnvForTests();
    await generate(user.id, { over: { count: 3 } });
    await expect(generate(user.id, { over: { count: 2 } })).rejects.toMatchObject({ code: "rate_limited", message: expect.stringMatching(/Only 1 more question/) });
    await generate(user.id, { over: { count: 1 } });
    await expect(generate(user.id, { over: { count: 1 } })).rejects.toMatchObject({ code: "rate_limited" });
  });

  it("counts preview runs against the daily quota, and accepting a preview card does not count twice", async () => {
    const db = await testDb();
    const user = await makeUser(db);
    await makeMaterial(db, user.id);
    process.env.QUESTIONS_PER_USER_PER_DAY = "4";
    resetEnvForTests();
    const preview = await generate(user.id, { over: { count: 3, preview: true } });
    expect(preview.saved).toHaveLength(0);
    const tokens = preview.events.flatMap((e) => (e.type === "complete" && e.previewToken ? [e.previewToken] : []));
    expect(tokens).toHaveLength(3);
    await expect(generate(user.id, { over: { count: 2 } })).rejects.toMatchObject({ code: "rate_limited", message: expect.stringMatching(/Only 1 more question/) });
    await acceptPreview(user.id, tokens[0]!);
    await generate(user.id, { over: { count: 1 } });
    await expect(generate(user.id, { over: { count: 1 } })).rejects.toMatchObject({ code: "rate_limited" });
  });

  it("drops near-duplicates of the student's bank on a second run over the same passages", async () => {
    const db = await testDb();
    const user = await makeUser(db);
    await makeMaterial(db, user.id);
    const first = await generate(user.id, { over: { count: 2 } });
    expect(first.saved).toHaveLength(2);
    const second = await generate(user.id, { over: { count: 2 } });
    const stems = new Set(first.saved.map((q) => q.vignette + q.leadIn));
    expect(second.saved.every((q) => !stems.has(q.vignette + q.leadIn))).toBe(true);
  });
});
