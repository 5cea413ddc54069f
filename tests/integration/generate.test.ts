/**
 * The generation service end to end on a real database: the offline generator, @ai-sdk/openai over
 * HTTP against the local SSE test server, a disconnect mid-stream, a failing model, and the quotas.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { generationJobs, questions } from "@/db/schema";
import { acceptPreview } from "@/lib/ai/accept-preview";
import type { GenerationEvent } from "@/lib/ai/events";
import { questionWriter } from "@/lib/ai/providers";
import { generateRequestSchema } from "@/lib/ai/request";
import { prepareGeneration, runGeneration } from "@/lib/ai/service";
import { parseEnv, resetEnvForTests } from "@/lib/env";
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
  resetEnvForTests();
});

const request = (over: Record<string, unknown> = {}) =>
  generateRequestSchema.parse({ topic: "heart valves", difficulty: 3, count: 3, level: 2, ...over });

async function generate(userId: string, opts: { writer?: ReturnType<typeof questionWriter>; over?: Record<string, unknown>; abortAfterFirst?: boolean } = {}) {
  const db = await testDb();
  const prepared = await prepareGeneration(userId, request(opts.over), { ip: "10.0.0.1", retrieve: testRetrieve(db), writer: opts.writer });
  const events: GenerationEvent[] = [];
  const ctrl = new AbortController();
  const jobId = await runGeneration(prepared, ctrl.signal, (e) => {
    events.push(e);
    if (opts.abortAfterFirst && e.type === "complete") ctrl.abort();
  });
  const [job] = await db.select().from(generationJobs).where(eq(generationJobs.id, jobId));
  const saved = await db.select().from(questions).where(eq(questions.generationJobId, jobId));
  return { job: job!, saved, events };
}

describe("generation service", () => {
  it("offline: streams, validates and saves complete questions with their source and metadata", async () => {
    const db = await testDb();
    const user = await makeUser(db);
    const material = await makeMaterial(db, user.id);
    const { job, saved, events } = await generate(user.id);
    expect(events[0]).toMatchObject({ type: "start", generator: { kind: "offline" } });
    expect(events.some((e) => e.type === "partial")).toBe(true);
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
    const writer = questionWriter(parseEnv({ OPENAI_BASE_URL: server.url, QUESTION_GEN_MODEL: "test-model-a" }));
    expect(writer.kind).toBe("llm");
    const { job, saved } = await generate(user.id, { writer });
    expect(job.status).toBe("complete");
    expect(saved).toHaveLength(3);
    expect(saved[0]!.generationMetadata).toMatchObject({ model: "test-model-a", generator: "llm" });
    expect(saved[0]!.generationMetadata.callOutputTokens).toBeGreaterThan(0);
    expect(server.stats.at(-1)).toMatchObject({ model: "test-model-a", aborted: false });
  });

  it("a disconnect mid-stream aborts the model call, keeps the complete questions and marks the job", async () => {
    const db = await testDb();
    const user = await makeUser(db);
    await makeMaterial(db, user.id);
    const slow = await startLlmServer({ ttftMs: 20, tokenMs: 5, tokenChars: 8 });
    try {
      const writer = questionWriter(parseEnv({ OPENAI_BASE_URL: slow.url, QUESTION_GEN_MODEL: "test-model-b" }));
      const { job, saved } = await generate(user.id, { writer, over: { count: 5 }, abortAfterFirst: true });
      expect(job.status).toBe("cancelled");
      expect(job.error).toMatch(/cancelled|disconnected/);
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
    const writer = questionWriter(parseEnv({ OPENAI_BASE_URL: server.url, QUESTION_GEN_MODEL: `huge-field-${10 * 1024 * 1024}` }));
    const before = server.stats.length;
    const { job, saved, events } = await generate(user.id, { writer, over: { count: 1 } });
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

    const normal = await generate(user.id, { writer: questionWriter(parseEnv({ OPENAI_BASE_URL: server.url, QUESTION_GEN_MODEL: "test-model-a" })), over: { count: 1 } });
    expect(normal.job.status).toBe("complete");
    expect(normal.saved).toHaveLength(1);
  });

  it("a failing model fails the job with a clear message and saves nothing", async () => {
    const db = await testDb();
    const user = await makeUser(db);
    await makeMaterial(db, user.id);
    const writer = questionWriter(parseEnv({ OPENAI_BASE_URL: server.url, QUESTION_GEN_MODEL: "fail-always" }));
    const { job, saved, events } = await generate(user.id, { writer });
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
