/**
 * The schema's guarantees, on PGlite by default and on PostgreSQL when DATABASE_URL is set:
 * every CHECK and the material RESTRICT reject bad rows with an error naming the constraint.
 */
import crypto from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { pgError } from "@/db/queries/errors";
import {
  collections,
  generationJobs,
  materialChunks,
  materials,
  promptTemplates,
  questionFlags,
  questions,
  reviewSchedules,
  userAttempts,
  userProfiles,
} from "@/db/schema";
import { makeUser, testDb } from "../setup/db";

let db: Db;
let userId: string;
let materialId: string;
let questionId: string;

const validQuestion = () => ({
  userId,
  materialId,
  topic: "cardiac conduction",
  difficulty: 3,
  vignette: "A 54-year-old man has a resting heart rate of 38/min after an inferior myocardial infarction.",
  leadIn: "Which structure normally sets the rhythm of the heart?",
  options: ["Sinoatrial node", "Atrioventricular node", "Bundle of His", "Purkinje fibers", "Right bundle branch"],
  correctIndex: 0,
  explanation: "The SA node has the highest inherent rate of depolarization.",
  optionExplanations: ["Pacemaker.", "Delays the impulse.", "Conducts to the septum.", "Spread to myocardium.", "Right ventricle."],
});

const validAttempt = (key: string) => ({
  userId,
  questionId,
  selectedIndex: 0,
  isCorrect: true,
  confidence: 4,
  timeTakenSeconds: 42,
  grade: 4,
  xpEarned: 18,
  easinessAfter: 2.5,
  intervalAfter: 1,
  repetitionsAfter: 1,
  nextReviewDate: "2026-11-25",
  reviewStatusAfter: "learning" as const,
  idempotencyKey: key,
});

const key = () => `key-${crypto.randomUUID()}`;

/** Runs `fn`, expecting Postgres to reject it; returns the violated constraint's name. */
async function rejected(fn: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await fn();
  } catch (e) {
    const info = pgError(e);
    expect(info, `expected a Postgres error, got ${String(e)}`).not.toBeNull();
    return info!.constraint ?? info!.message;
  }
  throw new Error("expected the statement to be rejected");
}

beforeAll(async () => {
  db = await testDb();
  userId = (await makeUser(db)).id;
  const [m] = await db
    .insert(materials)
    .values({ userId, title: "The Heart", fileName: "heart.md", type: "markdown", sizeBytes: 1000, status: "ready" })
    .returning();
  materialId = m!.id;
  const [q] = await db.insert(questions).values(validQuestion()).returning();
  questionId = q!.id;
});

describe("questions", () => {
  it("accepts a valid question and fills the generated tsvector", async () => {
    const [row] = await db.select({ tsv: questions.tsv }).from(questions).where(eq(questions.id, questionId));
    expect(row!.tsv).toContain("'infarct'"); // vignette
    expect(row!.tsv).toContain("'depolar'"); // explanation
  });

  it.each([
    ["difficulty 0", { difficulty: 0 }, "questions_difficulty_range"],
    ["difficulty 6", { difficulty: 6 }, "questions_difficulty_range"],
    ["3 options", { options: ["a", "b", "c"], optionExplanations: ["a", "b", "c"] }, "questions_options_shape"],
    [
      "6 options",
      { options: ["a", "b", "c", "d", "e", "f"], optionExplanations: ["a", "b", "c", "d", "e", "f"] },
      "questions_options_shape",
    ],
    ["correct_index -1", { correctIndex: -1 }, "questions_correct_index_range"],
    ["correct_index past the options", { correctIndex: 5 }, "questions_correct_index_range"],
    ["explanations of another length", { optionExplanations: ["only one"] }, "questions_option_explanations_shape"],
    ["quality_score 1.5", { qualityScore: 1.5 }, "questions_quality_range"],
    ["quality_score -0.1", { qualityScore: -0.1 }, "questions_quality_range"],
    ["more correct than answered", { timesAnswered: 1, timesCorrect: 2 }, "questions_counts"],
  ])("rejects %s", async (_name, patch, constraint) => {
    expect(await rejected(() => db.insert(questions).values({ ...validQuestion(), ...patch }))).toBe(constraint);
  });

  it("the correct_index CHECK follows the options' length (4 options: index 4 is out)", async () => {
    const four = { options: ["a", "b", "c", "d"], optionExplanations: ["a", "b", "c", "d"] };
    expect(await rejected(() => db.insert(questions).values({ ...validQuestion(), ...four, correctIndex: 4 }))).toBe(
      "questions_correct_index_range",
    );
    await db.insert(questions).values({ ...validQuestion(), ...four, correctIndex: 3 });
  });
});

describe("materials", () => {
  it("RESTRICT: a material with questions cannot be deleted", async () => {
    expect(await rejected(() => db.delete(materials).where(eq(materials.id, materialId)))).toBe(
      "questions_material_id_materials_id_fk",
    );
  });

  it("a material without questions is deleted with its chunks", async () => {
    const [m] = await db
      .insert(materials)
      .values({ userId, title: "Spare", fileName: "spare.txt", type: "text", sizeBytes: 10 })
      .returning();
    await db
      .insert(materialChunks)
      .values({ materialId: m!.id, userId, ordinal: 0, content: "The SA node is the pacemaker." });
    await db.delete(materials).where(eq(materials.id, m!.id));
    expect(await db.select().from(materialChunks).where(eq(materialChunks.materialId, m!.id))).toHaveLength(0);
  });

  it("rejects a failed material without a reason, a negative size and bad page ranges", async () => {
    const base = { userId, title: "x", fileName: "x.pdf", type: "pdf" as const, sizeBytes: 1 };
    expect(await rejected(() => db.insert(materials).values({ ...base, status: "failed" }))).toBe(
      "materials_failed_has_reason",
    );
    expect(await rejected(() => db.insert(materials).values({ ...base, sizeBytes: -1 }))).toBe("materials_size_nonneg");
    expect(
      await rejected(() =>
        db.insert(materialChunks).values({ materialId, userId, ordinal: 99, content: "x", pageStart: 5, pageEnd: 4 }),
      ),
    ).toBe("material_chunks_pages");
  });

  it("chunk ordinals are unique per material", async () => {
    await db.insert(materialChunks).values({ materialId, userId, ordinal: 1, content: "one" });
    expect(
      await rejected(() => db.insert(materialChunks).values({ materialId, userId, ordinal: 1, content: "two" })),
    ).toBe("material_chunks_material_ordinal_idx");
  });
});

describe("user_attempts", () => {
  it("accepts a valid attempt", async () => {
    await db.insert(userAttempts).values(validAttempt(key()));
  });

  it.each([
    ["0 seconds", { timeTakenSeconds: 0 }, "user_attempts_time_taken"],
    ["3601 seconds", { timeTakenSeconds: 3601 }, "user_attempts_time_taken"],
    ["confidence 0", { confidence: 0 }, "user_attempts_confidence"],
    ["confidence 6", { confidence: 6 }, "user_attempts_confidence"],
    ["option 5", { selectedIndex: 5 }, "user_attempts_selected"],
    ["grade 6", { grade: 6 }, "user_attempts_grade"],
    ["negative XP", { xpEarned: -1 }, "user_attempts_xp"],
    ["zero easiness", { easinessAfter: 0 }, "user_attempts_sm2"],
    ["a too-short idempotency key", { idempotencyKey: "short" }, "user_attempts_idempotency_length"],
  ])("rejects %s", async (_name, patch, constraint) => {
    expect(await rejected(() => db.insert(userAttempts).values({ ...validAttempt(key()), ...patch }))).toBe(constraint);
  });

  it("an idempotency key is unique per user", async () => {
    const k = key();
    await db.insert(userAttempts).values(validAttempt(k));
    expect(await rejected(() => db.insert(userAttempts).values(validAttempt(k)))).toBe("user_attempts_idempotency_idx");
    // Another user may use the same key.
    const other = await makeUser(db);
    const [q] = await db
      .insert(questions)
      .values({ ...validQuestion(), userId: other.id, materialId: null })
      .returning();
    await db.insert(userAttempts).values({ ...validAttempt(k), userId: other.id, questionId: q!.id });
  });
});

describe("review_schedules", () => {
  it("one row per user and question; a scheduled row needs a date; easiness > 0", async () => {
    const base = { userId, questionId, easiness: 2.5 };
    const where = eq(reviewSchedules.questionId, questionId);
    await db.insert(reviewSchedules).values({ ...base, reviewStatus: "new" });
    expect(await rejected(() => db.insert(reviewSchedules).values({ ...base, reviewStatus: "new" }))).toBe(
      "review_schedules_user_id_question_id_pk",
    );
    expect(await rejected(() => db.update(reviewSchedules).set({ reviewStatus: "learning" }).where(where))).toBe(
      "review_schedules_dated",
    );
    expect(await rejected(() => db.update(reviewSchedules).set({ easiness: 0 }).where(where))).toBe(
      "review_schedules_sm2",
    );
  });
});

describe("the other tables", () => {
  it("user_profiles: no negative XP, level >= 1, best streak >= streak, correct <= answered", async () => {
    const u = await makeUser(db);
    const where = eq(userProfiles.userId, u.id);
    expect(await rejected(() => db.update(userProfiles).set({ xp: -5 }).where(where))).toBe("user_profiles_xp_nonneg");
    expect(await rejected(() => db.update(userProfiles).set({ level: 0 }).where(where))).toBe("user_profiles_level_pos");
    expect(await rejected(() => db.update(userProfiles).set({ streak: 3, bestStreak: 2 }).where(where))).toBe(
      "user_profiles_streak_nonneg",
    );
    expect(
      await rejected(() =>
        db.update(userProfiles).set({ totalQuestionsAnswered: 1, totalCorrectAnswers: 2 }).where(where),
      ),
    ).toBe("user_profiles_totals");
  });

  it("prompt_templates: positive weight and version, unique name+version", async () => {
    const name = `t-${crypto.randomUUID()}`;
    await db.insert(promptTemplates).values({ name, version: 1, template: "x" });
    expect(await rejected(() => db.insert(promptTemplates).values({ name, version: 1, template: "y" }))).toBe(
      "prompt_templates_name_version_idx",
    );
    expect(
      await rejected(() => db.insert(promptTemplates).values({ name, version: 2, template: "y", weight: 0 })),
    ).toBe("prompt_templates_weight_pos");
    expect(await rejected(() => db.insert(promptTemplates).values({ name, version: 0, template: "y" }))).toBe(
      "prompt_templates_version_pos",
    );
  });

  it("generation_jobs: 1-20 questions", async () => {
    expect(await rejected(() => db.insert(generationJobs).values({ userId, request: {}, requestedCount: 21 }))).toBe(
      "generation_jobs_counts",
    );
    expect(await rejected(() => db.insert(generationJobs).values({ userId, request: {}, requestedCount: 0 }))).toBe(
      "generation_jobs_counts",
    );
  });

  it("collections: a name is required and unique per user; flags need a reason", async () => {
    await db.insert(collections).values({ userId, name: "Cardio" });
    expect(await rejected(() => db.insert(collections).values({ userId, name: "Cardio" }))).toBe(
      "collections_user_name_idx",
    );
    expect(await rejected(() => db.insert(collections).values({ userId, name: "" }))).toBe("collections_name_length");
    expect(await rejected(() => db.insert(questionFlags).values({ userId, questionId, reason: "" }))).toBe(
      "question_flags_reason_length",
    );
  });

  it("no table of the app's schema is partitioned", async () => {
    // pg-boss partitions its job table by queue, in its own schema (JOBS_SCHEMA): not the app's tables.
    const result = await db.execute(
      sql`select count(*)::int as n from pg_partitioned_table p join pg_class c on c.oid = p.partrelid join pg_namespace s on s.oid = c.relnamespace where s.nspname = 'public'`,
    );
    const rows = (Array.isArray(result) ? result : (result as unknown as { rows: unknown[] }).rows) as Array<{ n: number }>;
    expect(Number(rows[0]!.n)).toBe(0);
  });
});
