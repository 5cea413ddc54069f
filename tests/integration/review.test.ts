/**
 * The due list, new questions and collection sessions, and the ownership rule on every review
 * action and route (another student's question or collection is 404 / not_found).
 */
import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { collectionQuestions, collections, questions, reviewSchedules } from "@/db/schema";
import { setClockForTests } from "@/lib/clock";
import { resetEnvForTests } from "@/lib/env";
import { makeUser, testDb } from "@/tests/setup/db";
import { seedQuestionsFor } from "@/tests/setup/seed";

const session = vi.hoisted(() => ({ user: null as null | { id: string; email: string; name: string | null } }));
vi.mock("@/lib/auth/session", async () => {
  const { AppError } = await import("@/lib/errors");
  return {
    currentUser: async () => session.user,
    requireUser: async () => {
      if (!session.user) throw new AppError("unauthorized", "Your session has ended. Please sign in again.");
      return session.user;
    },
    requirePageUser: async () => session.user,
  };
});

const { answerQuestionAction, nextCardAction, sessionOutlookAction } = await import("@/app/(app)/review/actions");
const answerRoute = await import("@/app/api/questions/[id]/answer/route");
const seedRoute = await import("@/app/api/test/seed/route");
const { dueCards, dueCount, newCards, nextReviewDate, dashboardStats } = await import("@/db/queries/reviews");

const NOW = new Date("2026-03-10T12:00:00Z");
setClockForTests(() => NOW);
afterAll(() => setClockForTests(undefined));

async function student() {
  const db = await testDb();
  const user = await makeUser(db);
  return { db, user, signIn: () => (session.user = { id: user.id, email: user.email, name: null }) };
}

function schedule(userId: string, questionId: string, nextReviewDate: string | null, easiness: number, reviewStatus = "reviewing") {
  return { userId, questionId, nextReviewDate, easiness, reviewStatus: reviewStatus as "reviewing", intervalDays: 6, repetitions: 2 };
}

const post = (url: string, body: unknown) =>
  new Request(url, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } });
const answerBody = (selectedIndex = 0) => ({ selectedIndex, confidence: 3, timeTakenSeconds: 30, idempotencyKey: crypto.randomUUID() });
const params = (id: string) => ({ params: Promise.resolve({ id }) });

beforeEach(() => {
  session.user = null;
});

// Opening the database (PGlite: migrations) belongs in a hook, not in the first test's time budget.
beforeAll(async () => {
  await testDb();
});

describe("due today", () => {
  it("lists overdue first, then by easiness; skips new, future and retired cards", async () => {
    const { db, user } = await student();
    const { questionIds: q } = await seedQuestionsFor(db, user.id, { count: 7 });
    await db.insert(reviewSchedules).values([
      schedule(user.id, q[0]!, "2026-03-10", 2.5),
      schedule(user.id, q[1]!, "2026-03-10", 1.3),
      schedule(user.id, q[2]!, "2026-03-02", 2.5), // most overdue
      schedule(user.id, q[3]!, "2026-03-11", 1.3), // tomorrow
      schedule(user.id, q[4]!, null, 2.5, "new"),
      schedule(user.id, q[5]!, "2026-03-01", 1.5, "mastered"), // mastered cards stay scheduled
      schedule(user.id, q[6]!, "2026-03-01", 1.5),
    ]);
    await db.update(questions).set({ retired: true }).where(eq(questions.id, q[6]!));
    const due = await dueCards(user.id, "2026-03-10", 10);
    expect(due.map((c) => c.id)).toEqual([q[5], q[2], q[1], q[0]]);
    expect(due[0]).not.toHaveProperty("correctIndex");
    expect(await dueCount(user.id, "2026-03-10")).toBe(4);
    expect(await dueCount(user.id, "2026-03-11")).toBe(5);
    expect(await nextReviewDate(user.id, "2026-03-10")).toBe("2026-03-11");
    expect((await newCards(user.id, 10)).map((c) => c.id)).toEqual([q[4]]);
  });

  it("a session answers its way through the due list and the summary sees tomorrow", async () => {
    const { db, user, signIn } = await student();
    const { questionIds: q } = await seedQuestionsFor(db, user.id, { count: 3 });
    await db.insert(reviewSchedules).values(q.map((id, i) => schedule(user.id, id, "2026-03-0" + (i + 5), 2.0)));
    signIn();
    const seen: string[] = [];
    for (;;) {
      const step = await nextCardAction({ source: "due", exclude: [] });
      expect(step.ok).toBe(true);
      if (!step.ok || !step.data.card) break;
      expect(step.data.remaining).toBe(3 - seen.length);
      seen.push(step.data.card.id);
      const res = await answerQuestionAction({ questionId: step.data.card.id, ...answerBody(0) });
      expect(res.ok).toBe(true);
    }
    expect(seen).toEqual(q);
    const outlook = await sessionOutlookAction({});
    expect(outlook.ok && outlook.data.today).toBe("2026-03-10");
    const stats = await dashboardStats(user.id, "2026-03-10", NOW);
    expect(stats).toMatchObject({ answeredToday: 3, dueToday: 0, totalAnswered: 3 });
  });

  it("new-question sessions skip what this session already answered", async () => {
    const { db, user, signIn } = await student();
    const { questionIds: q } = await seedQuestionsFor(db, user.id, { count: 2 });
    signIn();
    const first = await nextCardAction({ source: "new", exclude: [] });
    expect(first.ok && first.data.remaining).toBe(2);
    const firstId = first.ok ? first.data.card!.id : "";
    expect(q).toContain(firstId);
    const second = await nextCardAction({ source: "new", exclude: [firstId] });
    expect(second.ok && second.data).toMatchObject({ card: { id: q.find((id) => id !== firstId) }, remaining: 1 });
    const none = await nextCardAction({ source: "new", exclude: q });
    expect(none.ok && none.data).toEqual({ card: null, remaining: 0 });
  });

  it("studies a collection, due cards first, and refuses another student's collection", async () => {
    const { db, user, signIn } = await student();
    const { questionIds: q } = await seedQuestionsFor(db, user.id, { count: 3 });
    const [c] = await db.insert(collections).values({ userId: user.id, name: "Valves" }).returning();
    await db.insert(collectionQuestions).values(q.map((id) => ({ collectionId: c!.id, questionId: id })));
    await db.insert(reviewSchedules).values(schedule(user.id, q[2]!, "2026-03-09", 2.5));
    signIn();
    const step = await nextCardAction({ source: "collection", collectionId: c!.id, exclude: [] });
    expect(step.ok && step.data).toMatchObject({ card: { id: q[2] }, remaining: 3 });
    const rest = await nextCardAction({ source: "collection", collectionId: c!.id, exclude: [q[2]!, q[0]!] });
    expect(rest.ok && rest.data).toMatchObject({ card: { id: q[1] }, remaining: 1 });

    const other = await student();
    other.signIn();
    const denied = await nextCardAction({ source: "collection", collectionId: c!.id, exclude: [] });
    expect(denied).toMatchObject({ ok: false, error: { code: "not_found" } });
  });
});

describe("another student's question is 404 on every action and route", () => {
  it("answer action and JSON route", async () => {
    const { db, user } = await student();
    const { questionIds: [qid] } = await seedQuestionsFor(db, user.id, { count: 1 });
    const intruder = await student();
    intruder.signIn();
    expect(await answerQuestionAction({ questionId: qid!, ...answerBody() })).toMatchObject({ ok: false, error: { code: "not_found" } });
    const res = await answerRoute.POST(post(`http://t/api/questions/${qid}/answer`, answerBody()), params(qid!));
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: "not_found" } });
    const bad = await answerRoute.POST(post("http://t/api/questions/nope/answer", answerBody()), params("nope"));
    expect(bad.status).toBe(404);
  });

  it("the route answers, replays, refuses too fast, validates, and needs a session", async () => {
    const { db, user, signIn } = await student();
    const { questionIds: [qid] } = await seedQuestionsFor(db, user.id, { count: 1 });
    expect((await answerRoute.POST(post(`http://t/api/questions/${qid}/answer`, answerBody()), params(qid!))).status).toBe(401);
    signIn();
    const body = answerBody();
    const first = await answerRoute.POST(post(`http://t/api/questions/${qid}/answer`, body), params(qid!));
    expect(first.status).toBe(200);
    // Private and not gzipped (Next's compression honours no-transform).
    expect(first.headers.get("cache-control")).toBe("private, no-store, no-transform");
    const again = await answerRoute.POST(post(`http://t/api/questions/${qid}/answer`, body), params(qid!));
    expect(await again.json()).toMatchObject({ replayed: true });
    const fast = await answerRoute.POST(post(`http://t/api/questions/${qid}/answer`, answerBody()), params(qid!));
    expect(fast.status).toBe(429);
    expect(fast.headers.get("Retry-After")).toBe("5");
    expect(await fast.json()).toMatchObject({ error: { code: "too_fast" } });
    const invalid = await answerRoute.POST(post(`http://t/api/questions/${qid}/answer`, { ...answerBody(), confidence: 9 }), params(qid!));
    expect(invalid.status).toBe(400);
  });
});

describe("test hooks", () => {
  it("are 404 unless STUDYIN_TEST_HOOKS is on", async () => {
    const { signIn } = await student();
    signIn();
    const saved = process.env.STUDYIN_TEST_HOOKS;
    try {
      delete process.env.STUDYIN_TEST_HOOKS;
      resetEnvForTests();
      expect((await seedRoute.POST(post("http://t/api/test/seed", { count: 2 }))).status).toBe(404);
      process.env.STUDYIN_TEST_HOOKS = "true";
      resetEnvForTests();
      const res = await seedRoute.POST(post("http://t/api/test/seed", { count: 2 }));
      expect(res.status).toBe(201);
      expect((await res.json()).questionIds).toHaveLength(2);
    } finally {
      if (saved === undefined) delete process.env.STUDYIN_TEST_HOOKS;
      else process.env.STUDYIN_TEST_HOOKS = saved;
      resetEnvForTests();
    }
  });
});
