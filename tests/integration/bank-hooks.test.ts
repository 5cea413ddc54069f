/** The answer-history test hook: off unless STUDYIN_TEST_HOOKS, and only for the user's own questions. */
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { reviewSchedules, userAttempts } from "@/db/schema";
import { resetEnvForTests } from "@/lib/env";
import { makeUser, testDb } from "@/tests/setup/db";
import { seedQuestionsFor } from "@/tests/setup/seed";

const session = vi.hoisted(() => ({ user: null as null | { id: string; email: string; name: string | null } }));
vi.mock("@/lib/auth/session", async () => {
  const { AppError } = await import("@/lib/errors");
  return {
    requireUser: async () => {
      if (!session.user) throw new AppError("unauthorized", "Your session has ended. Please sign in again.");
      return session.user;
    },
  };
});

const route = await import("@/app/api/test/attempts/route");
const post = (body: unknown) =>
  route.POST(new Request("http://t/api/test/attempts", { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } }));

let db: Db;
const saved = process.env.STUDYIN_TEST_HOOKS;
const hooks = (on: boolean) => {
  if (on) process.env.STUDYIN_TEST_HOOKS = "true";
  else delete process.env.STUDYIN_TEST_HOOKS;
  resetEnvForTests();
};
beforeAll(async () => {
  db = await testDb();
});
afterEach(() => {
  if (saved === undefined) delete process.env.STUDYIN_TEST_HOOKS;
  else process.env.STUDYIN_TEST_HOOKS = saved;
  resetEnvForTests();
});

describe("POST /api/test/attempts", () => {
  it("is 404 while test hooks are off, and records nothing", async () => {
    const me = await makeUser(db);
    const [q] = (await seedQuestionsFor(db, me.id, { count: 1 })).questionIds;
    session.user = { id: me.id, email: me.email, name: null };
    hooks(false);
    expect((await post({ questionId: q, attempts: [{}] })).status).toBe(404);
    expect(await db.select().from(userAttempts).where(eq(userAttempts.questionId, q!))).toEqual([]);
  });

  it("records history and a status for the user's own question; another user's is 404", async () => {
    const me = await makeUser(db);
    const other = await makeUser(db);
    const [mine] = (await seedQuestionsFor(db, me.id, { count: 1 })).questionIds;
    const [theirs] = (await seedQuestionsFor(db, other.id, { count: 1 })).questionIds;
    session.user = { id: me.id, email: me.email, name: null };
    hooks(true);
    const res = await post({ questionId: mine, status: "learning", attempts: [{ isCorrect: false, daysAgo: 2 }, {}] });
    expect(res.status).toBe(201);
    expect(await db.select().from(userAttempts).where(eq(userAttempts.questionId, mine!))).toHaveLength(2);
    expect((await db.select().from(reviewSchedules).where(eq(reviewSchedules.questionId, mine!)))[0]!.reviewStatus).toBe("learning");

    const foreign = await post({ questionId: theirs, attempts: [{}] });
    expect(foreign.status).toBe(404);
    expect(await db.select().from(userAttempts).where(eq(userAttempts.questionId, theirs!))).toEqual([]);
    expect((await post({ questionId: "nope", attempts: [] })).status).toBe(400);
  });
});
