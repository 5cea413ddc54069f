/** The bank listing: filters, full-text search, sort, pagination and owner scoping. */
import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { collectionQuestions, collections, questions } from "@/db/schema";
import { bankFacets } from "@/db/queries/questions";
import { listBank } from "@/lib/bank/service";
import { parseBankQuery } from "@/lib/bank/query";
import { insertAttempts, setReviewStatus } from "@/tests/setup/attempts";
import { makeUser, testDb } from "@/tests/setup/db";
import { type SeedResult, seedQuestionsFor } from "@/tests/setup/seed";

let db: Db;
let userId: string;
let seed: SeedResult;
let otherSeed: SeedResult;
const list = (params: Record<string, string>) => listBank(userId, parseBankQuery(params));

beforeAll(async () => {
  db = await testDb();
  userId = (await makeUser(db)).id;
  // 25 questions: the fixture's 7 cycled (per round of 7: conduction x3, valves x2, coronary x2).
  seed = await seedQuestionsFor(db, userId, { count: 25 });
  const other = await makeUser(db);
  otherSeed = await seedQuestionsFor(db, other.id, { count: 3 });
});

describe("listBank", () => {
  it("pages through only the user's questions, 20 a page, a page past the end showing the last", async () => {
    const p1 = await list({});
    expect(p1.total).toBe(25);
    expect(p1.pages).toBe(2);
    expect(p1.rows).toHaveLength(20);
    const p2 = await list({ page: "2" });
    expect(p2.rows).toHaveLength(5);
    const ids = new Set([...p1.rows, ...p2.rows].map((r) => r.id));
    expect(ids).toEqual(new Set(seed.questionIds));
    const past = await list({ page: "9" });
    expect(past.page).toBe(2);
    expect(past.rows.map((r) => r.id)).toEqual(p2.rows.map((r) => r.id));
  });

  it("filters by topic and difficulty", async () => {
    const valves = await list({ topic: "Heart valves" });
    expect(valves.total).toBe(7); // fixture indices 3 and 4 of each round: 3,4,10,11,17,18,24
    expect(valves.rows.every((r) => r.topic === "Heart valves")).toBe(true);
    const d4 = await list({ difficulty: "4" });
    expect(d4.rows.length).toBeGreaterThan(0);
    expect(d4.rows.every((r) => r.difficulty === 4)).toBe(true);
    const both = await list({ topic: "Coronary circulation", difficulty: "4" });
    expect(both.total).toBeGreaterThan(0);
    expect(both.rows.every((r) => r.topic === "Coronary circulation" && r.difficulty === 4)).toBe(true);
  });

  it("searches the stored tsvector with web-search syntax (stemming, phrases, exclusion)", async () => {
    const sa = await list({ q: "pacemaker rhythm" });
    expect(sa.total).toBeGreaterThan(0);
    expect(sa.total).toBeLessThan(25);
    expect(sa.sort).toBe("relevance");
    const valves = await list({ q: "valve" });
    const notMitral = await list({ q: "valve -mitral" });
    expect(valves.total).toBeGreaterThan(0);
    expect(notMitral.total).toBeLessThan(valves.total);
    expect((await list({ q: "zebrafish" })).total).toBe(0);
    // Punctuation a student might type must not become a syntax error.
    expect((await list({ q: `"unclosed & | ! (` })).total).toBeGreaterThanOrEqual(0);
  });

  it("filters by review status: no schedule row counts as new", async () => {
    const [a, b, c] = seed.questionIds;
    await setReviewStatus(db, userId, a!, "learning");
    await setReviewStatus(db, userId, b!, "mastered");
    await setReviewStatus(db, userId, c!, "new");
    expect((await list({ status: "learning" })).rows.map((r) => r.id)).toEqual([a]);
    expect((await list({ status: "mastered" })).rows.map((r) => r.id)).toEqual([b]);
    const fresh = await list({ status: "new" });
    expect(fresh.total).toBe(23);
    expect(fresh.rows.find((r) => r.id === c)?.status ?? "new").toBe("new");
  });

  it("filters by tag, material, collection and retired", async () => {
    const [a, b] = seed.questionIds;
    await db.update(questions).set({ tags: ["ecg", "exam"] }).where(eq(questions.id, a!));
    await db.update(questions).set({ retired: true }).where(eq(questions.id, b!));
    expect((await list({ tag: "ECG" })).rows.map((r) => r.id)).toEqual([a]);
    expect((await list({ status: "retired" })).rows.map((r) => ({ id: r.id, retired: r.retired }))).toEqual([
      { id: b, retired: true },
    ]);
    expect((await list({ material: seed.materialId })).total).toBe(25);
    expect((await list({ material: otherSeed.materialId })).total).toBe(0);
    const [col] = await db.insert(collections).values({ userId, name: `list-${Date.now()}` }).returning();
    await db.insert(collectionQuestions).values([a!, b!].map((questionId) => ({ collectionId: col!.id, questionId })));
    expect(new Set((await list({ collection: col!.id })).rows.map((r) => r.id))).toEqual(new Set([a, b]));
    await db.update(questions).set({ tags: [], retired: false }).where(eq(questions.id, b!));
  });

  it("sorts by difficulty, answers and age", async () => {
    const hardest = await list({ sort: "hardest" });
    const diffs = hardest.rows.map((r) => r.difficulty);
    expect(diffs).toEqual([...diffs].sort((x, y) => y - x));
    expect((await list({ sort: "easiest" })).rows[0]!.difficulty).toBe(2);
    const target = seed.questionIds[7]!;
    await insertAttempts(db, userId, target, [{}, {}, { isCorrect: false }]);
    expect((await list({ sort: "answered" })).rows[0]!.id).toBe(target);
    const newest = [...(await list({ sort: "newest" })).rows, ...(await list({ sort: "newest", page: "2" })).rows];
    const oldest = [...(await list({ sort: "oldest" })).rows, ...(await list({ sort: "oldest", page: "2" })).rows];
    expect(newest.map((r) => r.id)).toEqual(oldest.map((r) => r.id).reverse());
  });

  it("offers facets from the user's own data only", async () => {
    const f = await bankFacets(userId);
    expect(f.topics).toEqual(["Cardiac conduction", "Coronary circulation", "Heart valves"]);
    expect(f.materials).toEqual([{ id: seed.materialId, title: "The Cardiovascular System: The Heart" }]);
  });
});
