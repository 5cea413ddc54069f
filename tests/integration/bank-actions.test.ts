/**
 * The bank's server actions end to end (zod -> session -> query -> database): tags, collections,
 * flags and retirement, delete with its cascade, and "not found" for another user's data on every
 * action. The session is the only stand-in: each test says who is signed in.
 */
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { and, count, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { collectionQuestions, collections, questionFlags, questions, reviewSchedules, userAttempts, userProfiles } from "@/db/schema";
import { insertAttempts, questionRow, setReviewStatus } from "@/tests/setup/attempts";
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
// Outside a request there is no cache to revalidate.
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const actions = await import("@/app/(app)/questions/actions");

let db: Db;
let me: { id: string; email: string };
let stranger: { id: string; email: string };
let mine: string[];
let theirs: string[];

const signIn = (u: { id: string; email: string }) => (session.user = { id: u.id, email: u.email, name: null });

beforeAll(async () => {
  db = await testDb();
  me = await makeUser(db);
  stranger = await makeUser(db);
  mine = (await seedQuestionsFor(db, me.id, { count: 8 })).questionIds;
  theirs = (await seedQuestionsFor(db, stranger.id, { count: 2 })).questionIds;
});
beforeEach(() => signIn(me));

describe("tags", () => {
  it("saves normalised tags (trimmed, lower-case, de-duplicated)", async () => {
    const r = await actions.updateTagsAction({ questionId: mine[0]!, tags: " Cardio, ECG ,cardio,  heart   sounds ," });
    expect(r).toEqual({ ok: true, data: { tags: ["cardio", "ecg", "heart sounds"] } });
    expect((await questionRow(db, me.id, mine[0]!))!.tags).toEqual(["cardio", "ecg", "heart sounds"]);
  });

  it("refuses bad tags with a clear message and keeps the old ones", async () => {
    const tooMany = Array.from({ length: 21 }, (_, i) => `t${i}`);
    const r1 = await actions.updateTagsAction({ questionId: mine[0]!, tags: tooMany });
    expect(r1.ok).toBe(false);
    expect(!r1.ok && r1.error).toMatchObject({ code: "validation", message: expect.stringContaining("at most 20 tags") });
    const r2 = await actions.updateTagsAction({ questionId: mine[0]!, tags: "ok, <b>bold</b>" });
    expect(!r2.ok && r2.error.code).toBe("validation");
    const r3 = await actions.updateTagsAction({ questionId: mine[0]!, tags: ["x".repeat(41)] });
    expect(!r3.ok && r3.error.message).toContain("at most 40 characters");
    expect((await questionRow(db, me.id, mine[0]!))!.tags).toEqual(["cardio", "ecg", "heart sounds"]);
  });
});

describe("collections", () => {
  it("creates, renames, refuses a duplicate name clearly, and deletes without touching questions", async () => {
    const a = await actions.createCollectionAction({ name: "  Cardio   block  " });
    expect(a.ok && a.data.name).toBe("Cardio block");
    const b = await actions.createCollectionAction({ name: "Renal", questionId: mine[1]! });
    expect(b.ok).toBe(true);
    const bId = b.ok ? b.data.id : "";
    const [m] = await db.select({ n: count() }).from(collectionQuestions).where(eq(collectionQuestions.collectionId, bId));
    expect(m!.n).toBe(1);

    const dup = await actions.createCollectionAction({ name: "Cardio block" });
    expect(dup).toMatchObject({ ok: false, error: { code: "conflict", message: 'You already have a collection named "Cardio block".' } });
    const dupRename = await actions.renameCollectionAction({ collectionId: bId, name: "Cardio block" });
    expect(dupRename).toMatchObject({ ok: false, error: { code: "conflict" } });

    const renamed = await actions.renameCollectionAction({ collectionId: bId, name: "Kidney" });
    expect(renamed.ok && renamed.data.name).toBe("Kidney");
    // Another user may use the same name: uniqueness is per user.
    signIn(stranger);
    expect((await actions.createCollectionAction({ name: "Kidney" })).ok).toBe(true);
    signIn(me);

    expect((await actions.deleteCollectionAction({ collectionId: bId })).ok).toBe(true);
    expect(await db.select().from(collections).where(eq(collections.id, bId))).toEqual([]);
    expect(await questionRow(db, me.id, mine[1]!)).toBeDefined();
  });

  it("adds and removes a question, idempotently", async () => {
    const c = await actions.createCollectionAction({ name: `Deck ${Date.now()}` });
    const collectionId = c.ok ? c.data.id : "";
    const members = async () =>
      (await db.select().from(collectionQuestions).where(eq(collectionQuestions.collectionId, collectionId))).map((r) => r.questionId);
    expect((await actions.setMembershipAction({ collectionId, questionId: mine[2]!, member: true })).ok).toBe(true);
    expect((await actions.setMembershipAction({ collectionId, questionId: mine[2]!, member: true })).ok).toBe(true);
    expect(await members()).toEqual([mine[2]]);
    expect((await actions.setMembershipAction({ collectionId, questionId: mine[2]!, member: false })).ok).toBe(true);
    expect(await members()).toEqual([]);
  });

  it("refuses an empty or too long name", async () => {
    const empty = await actions.createCollectionAction({ name: "   " });
    expect(!empty.ok && empty.error).toMatchObject({ code: "validation", fields: { name: "Give the collection a name." } });
    const long = await actions.createCollectionAction({ name: "x".repeat(101) });
    expect(!long.ok && long.error.code).toBe("validation");
  });
});

describe("flags and retirement", () => {
  it("records the flag with its reason and bumps times_flagged; one early flag does not retire", async () => {
    const r = await actions.flagQuestionAction({ questionId: mine[3]!, reason: "Option C is also correct." });
    expect(r).toMatchObject({ ok: true, data: { retired: false, timesFlagged: 1 } });
    const flags = await db.select().from(questionFlags).where(eq(questionFlags.questionId, mine[3]!));
    expect(flags.map((f) => [f.userId, f.reason])).toEqual([[me.id, "Option C is also correct."]]);
    expect((await questionRow(db, me.id, mine[3]!))!.retired).toBe(false);
  });

  it("retires a question flagged on more than 10% of at least 10 answers, and rescores it", async () => {
    const q = mine[4]!;
    // 10 answers, half right, 90 s, honest confidence: a good question until it is flagged.
    await insertAttempts(
      db,
      me.id,
      q,
      Array.from({ length: 10 }, (_, i) => ({ isCorrect: i % 2 === 0, confidence: i % 2 === 0 ? 5 : 1, seconds: 90 })),
    );
    const first = await actions.flagQuestionAction({ questionId: q, reason: "The stem gives the answer away." });
    // 1 flag / 10 answers = 10%: not MORE than 10%.
    expect(first).toMatchObject({ ok: true, data: { retired: false, timesFlagged: 1 } });
    expect(first.ok && first.data.qualityScore).toBeCloseTo(0.4 + 0.3 + 0.2 + 0.1 * 0.9, 4);
    const second = await actions.flagQuestionAction({ questionId: q, reason: "Answer key is wrong." });
    expect(second).toMatchObject({ ok: true, data: { retired: true, timesFlagged: 2 } });
    const row = (await questionRow(db, me.id, q))!;
    expect(row.retired).toBe(true);
    expect(row.qualityScore).toBeCloseTo(0.4 + 0.3 + 0.2 + 0.1 * 0.8, 4);
  });

  it("refuses an empty reason", async () => {
    const r = await actions.flagQuestionAction({ questionId: mine[3]!, reason: "  " });
    expect(!r.ok && r.error.code).toBe("validation");
  });
});

describe("delete", () => {
  it("deletes the question with its attempts, schedule, flags and collection entries", async () => {
    const q = mine[5]!;
    await insertAttempts(db, me.id, q, [{}, { isCorrect: false }]);
    await db.insert(userProfiles).values({ userId: me.id }).onConflictDoNothing();
    await db.update(userProfiles).set({ totalQuestionsAnswered: 10, totalCorrectAnswers: 6, xp: 120 }).where(eq(userProfiles.userId, me.id));
    await setReviewStatus(db, me.id, q, "learning");
    await actions.flagQuestionAction({ questionId: q, reason: "Typo in option B." });
    const c = await actions.createCollectionAction({ name: `Del ${Date.now()}`, questionId: q });
    expect(c.ok).toBe(true);

    expect(await actions.deleteQuestionAction({ questionId: q })).toEqual({ ok: true, data: { deleted: q } });
    const left = async (table: typeof userAttempts | typeof reviewSchedules | typeof questionFlags | typeof collectionQuestions) =>
      (await db.select({ n: count() }).from(table).where(eq(table.questionId, q)))[0]!.n;
    expect(await questionRow(db, me.id, q)).toBeUndefined();
    expect([await left(userAttempts), await left(reviewSchedules), await left(questionFlags), await left(collectionQuestions)]).toEqual([0, 0, 0, 0]);
    // The profile's all-time totals lose its two attempts (one correct); XP earned stays.
    const [profile] = await db.select().from(userProfiles).where(eq(userProfiles.userId, me.id));
    expect(profile).toMatchObject({ totalQuestionsAnswered: 8, totalCorrectAnswers: 5, xp: 120 });
    // The collection itself stays.
    expect((await db.select().from(collections).where(eq(collections.id, c.ok ? c.data.id : ""))).length).toBe(1);
    // Deleting again is "not found", not an error.
    expect(await actions.deleteQuestionAction({ questionId: q })).toMatchObject({ ok: false, error: { code: "not_found" } });
  });
});

describe("another user's data is not found on every action", () => {
  it("tags, flag, delete, collection membership and collection create on their question", async () => {
    const q = theirs[0]!;
    const notFound = { ok: false, error: { code: "not_found" } };
    expect(await actions.updateTagsAction({ questionId: q, tags: "mine" })).toMatchObject(notFound);
    expect(await actions.flagQuestionAction({ questionId: q, reason: "Looks wrong to me." })).toMatchObject(notFound);
    expect(await actions.deleteQuestionAction({ questionId: q })).toMatchObject(notFound);
    const myCol = await actions.createCollectionAction({ name: `Probe ${Date.now()}` });
    const myColId = myCol.ok ? myCol.data.id : "";
    expect(await actions.setMembershipAction({ collectionId: myColId, questionId: q, member: true })).toMatchObject(notFound);
    const name = `With theirs ${Date.now()}`;
    expect(await actions.createCollectionAction({ name, questionId: q })).toMatchObject(notFound);
    // ...and the refused create left no collection behind.
    expect(await db.select().from(collections).where(and(eq(collections.userId, me.id), eq(collections.name, name)))).toEqual([]);

    const row = (await db.select().from(questions).where(eq(questions.id, q)))[0]!;
    expect([row.tags, row.timesFlagged]).toEqual([[], 0]);
    expect(await db.select().from(questionFlags).where(eq(questionFlags.questionId, q))).toEqual([]);
  });

  it("rename, delete and membership on their collection", async () => {
    signIn(stranger);
    const c = await actions.createCollectionAction({ name: `Theirs ${Date.now()}`, questionId: theirs[1]! });
    const theirCol = c.ok ? c.data.id : "";
    signIn(me);
    const notFound = { ok: false, error: { code: "not_found" } };
    expect(await actions.renameCollectionAction({ collectionId: theirCol, name: "Hijacked" })).toMatchObject(notFound);
    expect(await actions.deleteCollectionAction({ collectionId: theirCol })).toMatchObject(notFound);
    expect(await actions.setMembershipAction({ collectionId: theirCol, questionId: mine[6]!, member: true })).toMatchObject(notFound);
    expect(await actions.setMembershipAction({ collectionId: theirCol, questionId: theirs[1]!, member: false })).toMatchObject(notFound);
    const [still] = await db.select().from(collections).where(eq(collections.id, theirCol));
    expect(still!.name).not.toBe("Hijacked");
    expect(await db.select().from(collectionQuestions).where(eq(collectionQuestions.collectionId, theirCol))).toHaveLength(1);
  });

  it("a malformed id is a validation error and a signed-out caller is unauthorized", async () => {
    expect(await actions.deleteQuestionAction({ questionId: "not-a-uuid" })).toMatchObject({ ok: false, error: { code: "validation" } });
    session.user = null;
    expect(await actions.deleteQuestionAction({ questionId: mine[7]! })).toMatchObject({ ok: false, error: { code: "unauthorized" } });
    expect(await questionRow(db, me.id, mine[7]!)).toBeDefined();
  });
});
