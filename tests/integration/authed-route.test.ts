/**
 * authedRoute (lib/http/route.ts) with Auth.js's real session cookie, and the JSON API built on it:
 * 401 without a session, the one validation error (the same as an action's), 404 for another
 * student's ids, 429 with Retry-After, 403 from another site, and no internals in a 500.
 */
import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { encode } from "next-auth/jwt";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { questions, reviewSchedules, userAttempts } from "@/db/schema";
import { makeUser, testDb } from "@/tests/setup/db";
import { seedQuestionsFor } from "@/tests/setup/seed";
import { newRequest, request } from "./support/next-request";

vi.mock("next/headers", async () => (await import("./support/next-request")).nextHeaders);

const { authedRoute } = await import("@/lib/http/route");
const { authedAction } = await import("@/lib/actions/client");
const { authSecret } = await import("@/lib/auth/secret");
const { AppError } = await import("@/lib/errors");
const { limiter } = await import("@/lib/ratelimit");
const { AnswerBody } = await import("@/lib/srs/input");
const { studentToday } = await import("@/lib/srs/service");
const questionsRoute = await import("@/app/api/questions/route");
const questionRoute = await import("@/app/api/questions/[id]/route");
const answerRoute = await import("@/app/api/questions/[id]/answer/route");
const batchRoute = await import("@/app/api/questions/answers/batch/route");
const dueRoute = await import("@/app/api/reviews/due/route");
const jobRoute = await import("@/app/api/jobs/[id]/route");
const { createJob, finishJob } = await import("@/db/queries/generation");
const seedRoute = await import("@/app/api/test/seed/route");

type Student = { id: string; email: string };
type ErrorBody = { error: { code: string; message: string; retryAfterSeconds?: number; fields?: Record<string, string> } };

async function signIn(user: Student) {
  // As Auth.js issues it at sign-in: with a session id and the user's session version.
  const token = await encode({ token: { sub: user.id, email: user.email, name: null, sid: crypto.randomUUID(), sv: 0 }, secret: authSecret(), salt: "authjs.session-token" });
  newRequest({ cookie: { "authjs.session-token": token } });
}

const url = (path: string) => `http://localhost:3000${path}`;
const get = (path: string) => new Request(url(path));
const send = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  new Request(url(path), {
    method,
    headers: { host: "localhost:3000", "content-type": "application/json", ...headers },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
const params = (id: string) => ({ params: Promise.resolve({ id }) });
const answerBody = () => ({ selectedIndex: 0, confidence: 3, timeTakenSeconds: 30, idempotencyKey: crypto.randomUUID() });

let me: Student;
let other: Student;
let mine: string[];
let theirs: string[];
beforeAll(async () => {
  const db = await testDb();
  me = await makeUser(db);
  other = await makeUser(db);
  mine = (await seedQuestionsFor(db, me.id, { count: 25, topic: "Cardiac conduction" })).questionIds;
  theirs = (await seedQuestionsFor(db, other.id, { count: 2 })).questionIds;
});
beforeEach(() => newRequest());

describe("authedRoute", () => {
  const ran = vi.fn();
  const echo = authedRoute(
    { method: "POST", path: "/api/echo", summary: "echo", params: z.object({ id: z.uuid() }), body: z.object({ title: z.string().min(1) }), missing: "That echo", responses: { 200: { description: "ok" } } },
    async ({ params, body }, { user }) => {
      ran();
      return { id: params.id, title: body.title, by: user.id };
    },
  );
  const id = crypto.randomUUID();

  it("answers 401 in the error shape without a session, before reading the input", async () => {
    const res = await echo(send("POST", "/api/echo", "not json"), params(id));
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: "unauthorized", message: "Your session has ended. Please sign in again." } });
    expect((await questionsRoute.GET(get("/api/questions"))).status).toBe(401);
    expect((await dueRoute.GET(get("/api/reviews/due"))).status).toBe(401);
    expect(ran).not.toHaveBeenCalled();
  });

  it("refuses another site's request with 403 before the session or the handler", async () => {
    await signIn(me);
    const res = await echo(send("POST", "/api/echo", { title: "x" }, { origin: "https://evil.example" }), params(id));
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: { code: "forbidden", message: expect.stringMatching(/another site/) } });
    const ok = await echo(send("POST", "/api/echo", { title: "x" }, { origin: "http://localhost:3000" }), params(id));
    expect(await ok.json()).toEqual({ id, title: "x", by: me.id });
    expect(ok.headers.get("cache-control")).toBe("private, no-store");
    expect(ran).toHaveBeenCalledTimes(1);
  });

  it("gives the one validation error, the same as an action's for the same input", async () => {
    await signIn(me);
    const bad = { ...answerBody(), confidence: 9 };
    const res = await answerRoute.POST(send("POST", `/api/questions/${mine[0]}/answer`, bad), params(mine[0]!));
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorBody;
    expect(body).toEqual({ error: { code: "validation", message: expect.stringMatching(/^confidence: /), fields: { confidence: expect.any(String) } } });
    const action = await authedAction(AnswerBody, async () => null)(bad);
    expect(action).toEqual({ ok: false, error: body.error });
    // Nested paths are dotted; a body that is not JSON is a validation error about the whole input.
    const batch = await batchRoute.POST(send("POST", "/api/questions/answers/batch", { answers: [answerBody(), { ...answerBody(), questionId: mine[1], confidence: 0 }].map((a) => ({ questionId: mine[0], ...a })) }));
    expect(((await batch.json()) as ErrorBody).error.fields).toMatchObject({ "answers.1.confidence": expect.any(String) });
    const garbled = await echo(send("POST", "/api/echo", "{not json"), params(id));
    expect(garbled.status).toBe(400);
    expect(await garbled.json()).toEqual({ error: { code: "validation", message: "The request body is not valid JSON.", fields: { _: "The request body is not valid JSON." } } });
    // A service's own validation error carries `fields` too.
    const thrown = authedRoute({ method: "GET", path: "/api/x", summary: "x", responses: { 200: { description: "ok" } } }, async () => {
      throw new AppError("validation", "Choose an exam date after today.");
    });
    expect(await (await thrown(get("/api/x"))).json()).toEqual({ error: { code: "validation", message: "Choose an exam date after today.", fields: { _: "Choose an exam date after today." } } });
  });

  it("answers 404 for a malformed id, in the params or in a body's id field", async () => {
    await signIn(me);
    const res = await echo(send("POST", "/api/echo", { title: "x" }), params("not-a-uuid"));
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: "not_found", message: "That echo was not found." } });
    const batch = await batchRoute.POST(send("POST", "/api/questions/answers/batch", { answers: [{ ...answerBody(), questionId: "nope" }] }));
    expect(batch.status).toBe(404);
  });

  it("answers 429 with Retry-After for a rate limit", async () => {
    await signIn(me);
    const name = `authed-route-test-${crypto.randomUUID()}`;
    const once = authedRoute({ method: "GET", path: "/api/limited", summary: "x", responses: { 200: { description: "ok" } } }, async (_i, { user }) => {
      await limiter(name, { tokens: 1, windowSeconds: 60 }).consume(user.id, "Slow down.");
      return { ok: true };
    });
    expect((await once(get("/api/limited"))).status).toBe(200);
    const refused = await once(get("/api/limited"));
    expect(refused.status).toBe(429);
    const seconds = Number(refused.headers.get("retry-after"));
    expect(seconds).toBeGreaterThanOrEqual(1);
    expect(await refused.json()).toEqual({ error: { code: "rate_limited", message: expect.stringMatching(/^Slow down\. Try again in /), retryAfterSeconds: seconds } });
  });

  it("never shows what went wrong inside", async () => {
    await signIn(me);
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    const broken = authedRoute({ method: "GET", path: "/api/broken", summary: "x", responses: { 200: { description: "ok" } } }, async () => {
      throw new Error("relation users_secret does not exist at 10.0.0.5");
    });
    const res = await broken(get("/api/broken"));
    spy.mockRestore();
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toMatch(/users_secret|10\.0\.0\.5/);
    expect(JSON.parse(text)).toEqual({ error: { code: "internal", message: "Something went wrong on our side. Please try again." } });
  });

  it("keeps a test hook a 404 unless STUDYIN_TEST_HOOKS, even without a session", async () => {
    const res = await seedRoute.POST(send("POST", "/api/test/seed", { count: 1 }));
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: "not_found", message: "Not found." } });
  });
});

describe("the JSON API", () => {
  it("GET /api/questions: the bank's filters, search and pages, only the student's own", async () => {
    await signIn(me);
    const first = (await (await questionsRoute.GET(get("/api/questions"))).json()) as { questions: { id: string }[]; total: number; page: number; pages: number; pageSize: number; sort: string };
    expect(first).toMatchObject({ total: 25, page: 1, pages: 2, pageSize: 20, sort: "newest" });
    expect(first.questions).toHaveLength(20);
    const second = (await (await questionsRoute.GET(get("/api/questions?page=2"))).json()) as typeof first;
    expect(second).toMatchObject({ page: 2, sort: "newest" });
    expect(second.questions).toHaveLength(5);
    const all = [...first.questions, ...second.questions].map((q) => q.id);
    expect(new Set(all).size).toBe(25);
    expect(all.some((id) => theirs.includes(id))).toBe(false);
    const oldest = (await (await questionsRoute.GET(get("/api/questions?sort=oldest&page=2"))).json()) as typeof first;
    expect(oldest.questions.map((q) => q.id)).toEqual(all.slice(0, 5).reverse());
    // Filters: a difficulty nobody has, and the student's topic; a bad value falls back as on the page.
    const none = (await (await questionsRoute.GET(get("/api/questions?topic=Nephrology"))).json()) as typeof first;
    expect(none).toMatchObject({ total: 0, questions: [] });
    const topic = (await (await questionsRoute.GET(get("/api/questions?topic=Cardiac%20conduction&difficulty=banana"))).json()) as typeof first;
    expect(topic.total).toBe(25);
  });

  it("GET /api/questions?q= searches the text", async () => {
    const db = await testDb();
    await signIn(me);
    await db.update(questions).set({ leadIn: "Which structure is the zygomatic pacemaker?" }).where(eq(questions.id, mine[3]!));
    const hit = (await (await questionsRoute.GET(get("/api/questions?q=zygomatic"))).json()) as { questions: { id: string }[]; sort: string };
    expect(hit.questions.map((q) => q.id)).toEqual([mine[3]]);
    expect(hit.sort).toBe("relevance");
  });

  it("GET and DELETE /api/questions/:id: the student's own; another's is 404 and stays", async () => {
    const db = await testDb();
    await signIn(me);
    const got = await questionRoute.GET(get(`/api/questions/${mine[0]}`), params(mine[0]!));
    expect(got.status).toBe(200);
    expect(await got.json()).toMatchObject({ question: { question: { id: mine[0], correctIndex: expect.any(Number) }, status: "new" } });
    for (const id of [theirs[0]!, "not-a-uuid", crypto.randomUUID()]) {
      const res = await questionRoute.GET(get(`/api/questions/${id}`), params(id));
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ error: { code: "not_found", message: "That question was not found." } });
      expect((await questionRoute.DELETE(send("DELETE", `/api/questions/${id}`), params(id))).status).toBe(404);
    }
    expect(await db.select({ id: questions.id }).from(questions).where(eq(questions.id, theirs[0]!))).toHaveLength(1);

    // Deleted with its answers, as the bank's Delete does.
    const victim = mine[24]!;
    expect((await answerRoute.POST(send("POST", `/api/questions/${victim}/answer`, answerBody()), params(victim))).status).toBe(200);
    const del = await questionRoute.DELETE(send("DELETE", `/api/questions/${victim}`, undefined, { origin: "http://localhost:3000" }), params(victim));
    expect(del.status).toBe(200);
    expect(await del.json()).toEqual({ deleted: victim });
    expect(await db.select().from(userAttempts).where(eq(userAttempts.questionId, victim))).toEqual([]);
    expect((await questionRoute.GET(get(`/api/questions/${victim}`), params(victim))).status).toBe(404);
    // From another site: refused, nothing deleted.
    const cross = await questionRoute.DELETE(send("DELETE", `/api/questions/${mine[23]}`, undefined, { origin: "https://evil.example" }), params(mine[23]!));
    expect(cross.status).toBe(403);
    expect(await db.select({ id: questions.id }).from(questions).where(eq(questions.id, mine[23]!))).toHaveLength(1);
  });

  it("GET /api/reviews/due: due today or earlier, overdue first, the limit and the total", async () => {
    const db = await testDb();
    await signIn(me);
    const today = await studentToday(me.id);
    const day = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
    const row = (questionId: string, nextReviewDate: string) => ({
      userId: me.id,
      questionId,
      nextReviewDate,
      easiness: 2.5,
      reviewStatus: "reviewing" as const,
      intervalDays: 6,
      repetitions: 2,
    });
    await db.insert(reviewSchedules).values([row(mine[10]!, day(0)), row(mine[11]!, day(-3)), row(mine[12]!, day(1))]);
    await db.insert(reviewSchedules).values({ ...row(theirs[1]!, day(-1)), userId: other.id });
    const due = (await (await dueRoute.GET(get("/api/reviews/due"))).json()) as { today: string; total: number; reviews: { id: string; dueDate: string }[] };
    expect(due.today).toBe(today);
    expect(due.total).toBe(2);
    expect(due.reviews.map((r) => r.id)).toEqual([mine[11], mine[10]]);
    expect(due.reviews[0]).not.toHaveProperty("correctIndex");
    const one = (await (await dueRoute.GET(get("/api/reviews/due?limit=1"))).json()) as typeof due;
    expect(one).toMatchObject({ total: 2, reviews: [{ id: mine[11] }] });
    const bad = await dueRoute.GET(get("/api/reviews/due?limit=0"));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as ErrorBody).error.fields).toHaveProperty("limit");
    expect(request.written).toEqual([]); // a fresh session cookie is not re-issued
  });

  it("GET /api/jobs/:id: status, counts, drops and the saved questions; another student's job is 404", async () => {
    const db = await testDb();
    await signIn(me);
    const jobId = await createJob(me.id, { request: { topic: "Cardiac conduction", count: 3 }, requestedCount: 3, model: "offline", passages: [], context: {} });
    const running = (await (await jobRoute.GET(get(`/api/jobs/${jobId}`), params(jobId))).json()) as Record<string, unknown>;
    expect(running).toMatchObject({ id: jobId, status: "pending", requested: 3, saved: 0, questionIds: [], finishedAt: null });
    await db.update(questions).set({ generationJobId: jobId }).where(eq(questions.id, mine[20]!));
    await finishJob(jobId, { status: "complete", generatedCount: 2, savedCount: 1, drops: [{ reason: "lint", detail: "two options alike" }] });
    const done = (await (await jobRoute.GET(get(`/api/jobs/${jobId}`), params(jobId))).json()) as Record<string, unknown>;
    expect(done).toMatchObject({ status: "complete", generated: 2, saved: 1, dropped: 1, drops: [{ reason: "lint", detail: "two options alike" }], questionIds: [mine[20]] });
    expect(typeof done.finishedAt).toBe("string");
    const theirJob = await createJob(other.id, { request: { topic: "x", count: 1 }, requestedCount: 1, model: "offline", passages: [], context: {} });
    const res = await jobRoute.GET(get(`/api/jobs/${theirJob}`), params(theirJob));
    expect(res.status).toBe(404);
    expect(((await res.json()) as ErrorBody).error).toEqual({ code: "not_found", message: "That generation job was not found." });
    expect((await jobRoute.GET(get("/api/jobs/nope"), params("nope"))).status).toBe(404);
  });
});
