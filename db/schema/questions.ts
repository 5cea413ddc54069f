/** Generated questions, prompt templates, generation jobs, collections and flags. */
import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./auth";
import { materials } from "./materials";
import { tsvector } from "./types";

export const promptTemplates = pgTable(
  "prompt_templates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    version: integer("version").notNull(),
    template: text("template").notNull(),
    active: boolean("active").notNull().default(true),
    /** Relative weight among active versions of the same name (A/B choice). */
    weight: integer("weight").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("prompt_templates_name_version_idx").on(t.name, t.version),
    check("prompt_templates_weight_pos", sql`${t.weight} > 0`),
    check("prompt_templates_version_pos", sql`${t.version} >= 1`),
  ],
);

export const GENERATION_JOB_STATUSES = ["pending", "running", "complete", "failed", "cancelled"] as const;

export const generationJobs = pgTable(
  "generation_jobs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    status: text("status", { enum: GENERATION_JOB_STATUSES }).notNull().default("pending"),
    /** The validated request: topic, difficulty, count, level, material ids, preview. */
    request: jsonb("request").$type<Record<string, unknown>>().notNull(),
    requestedCount: integer("requested_count").notNull(),
    generatedCount: integer("generated_count").notNull().default(0),
    savedCount: integer("saved_count").notNull().default(0),
    droppedCount: integer("dropped_count").notNull().default(0),
    /** Each dropped candidate's reason, e.g. [{ reason: "quote_not_in_source", detail: "..." }]. */
    drops: jsonb("drops").$type<Array<{ reason: string; detail?: string }>>().notNull().default([]),
    model: text("model"),
    error: text("error"),
    /** The passages the run writes from, as the page lists them (shown again when a page reconnects). */
    passages: jsonb("passages").$type<Array<Record<string, unknown>>>().notNull().default([]),
    /**
     * What the worker needs to write the questions, fixed when the job was created: the retrieved
     * passages with their text, the retrieval mode and embedder, the prompt template. Cleared when the run ends.
     */
    context: jsonb("context").$type<Record<string, unknown>>(),
    /**
     * The cards the run finished, in order: each question that passed every gate, with its id once
     * saved, or (a preview run) its signed token, pending until the student accepts it. A page that
     * reconnects after the event log has expired is shown these.
     */
    cards: jsonb("cards").$type<Array<Record<string, unknown>>>().notNull().default([]),
    /** How many times a worker has started this job (a retry after a crash is the second). */
    attempts: integer("attempts").notNull().default(0),
    /** Set by Cancel: the worker stops at once, or never starts. */
    cancelRequestedAt: timestamp("cancel_requested_at", { withTimezone: true }),
    /** The running worker's last sign of life (every few seconds): Cancel ends a job whose worker is gone at once. */
    heartbeatAt: timestamp("heartbeat_at", { withTimezone: true }),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("generation_jobs_user_created_idx").on(t.userId, t.createdAt.desc()),
    check("generation_jobs_counts", sql`${t.requestedCount} BETWEEN 1 AND 20 AND ${t.savedCount} >= 0 AND ${t.droppedCount} >= 0`),
  ],
);

export type GenerationMetadata = {
  model?: string;
  generator?: "llm" | "offline";
  templateName?: string;
  templateVersion?: number;
  chunkDistances?: number[];
  sourceQuality?: number;
  inputTokens?: number;
  outputTokens?: number;
  latencyMs?: number;
  [key: string]: unknown;
};

/** What a question says: the columns every writer of questions fills the same way. */
export type QuestionContent = {
  vignette: string;
  leadIn: string;
  options: string[];
  correctIndex: number;
  explanation: string;
  optionExplanations: string[];
};

export const questions = pgTable(
  "questions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** RESTRICT: material with questions cannot be deleted (it is archived instead). */
    materialId: uuid("material_id").references(() => materials.id, { onDelete: "restrict" }),
    generationJobId: uuid("generation_job_id").references(() => generationJobs.id, { onDelete: "set null" }),
    topic: text("topic").notNull(),
    difficulty: smallint("difficulty").notNull(),
    vignette: text("vignette").notNull(),
    leadIn: text("lead_in").notNull(),
    /** 4-5 option strings. */
    options: jsonb("options").$type<string[]>().notNull(),
    correctIndex: smallint("correct_index").notNull(),
    explanation: text("explanation").notNull(),
    /** One explanation per option, same order as `options`. */
    optionExplanations: jsonb("option_explanations").$type<string[]>().notNull(),
    sourceChunkIds: uuid("source_chunk_ids").array().notNull().default(sql`'{}'::uuid[]`),
    sourceQuote: text("source_quote"),
    generationMetadata: jsonb("generation_metadata").$type<GenerationMetadata>().notNull().default({}),
    promptTemplateId: uuid("prompt_template_id").references(() => promptTemplates.id, { onDelete: "set null" }),
    promptTemplateVersion: integer("prompt_template_version"),
    qualityScore: real("quality_score").notNull().default(0),
    timesAnswered: integer("times_answered").notNull().default(0),
    timesCorrect: integer("times_correct").notNull().default(0),
    timesFlagged: integer("times_flagged").notNull().default(0),
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    tsv: tsvector("tsv")
      .notNull()
      .generatedAlwaysAs(
        sql`to_tsvector('english', topic || ' ' || vignette || ' ' || lead_in || ' ' || explanation)`,
      ),
    retired: boolean("retired").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The design review's indexes (docs/architecture-review.md, "Schema Review: Questions Table").
    index("questions_user_topic_idx").on(t.userId, t.topic),
    index("questions_user_difficulty_idx").on(t.userId, t.difficulty),
    index("questions_quality_idx").on(t.qualityScore.desc()).where(sql`${t.qualityScore} > 0.7`),
    index("questions_topic_difficulty_user_idx").on(t.topic, t.difficulty, t.userId),
    index("questions_tsv_idx").using("gin", t.tsv),
    index("questions_tags_idx").using("gin", t.tags),
    index("questions_user_created_idx").on(t.userId, t.createdAt.desc()),
    index("questions_material_idx").on(t.materialId),
    check("questions_difficulty_range", sql`${t.difficulty} BETWEEN 1 AND 5`),
    check(
      "questions_options_shape",
      sql`jsonb_typeof(${t.options}) = 'array' AND jsonb_array_length(${t.options}) BETWEEN 4 AND 5`,
    ),
    check(
      "questions_correct_index_range",
      sql`${t.correctIndex} >= 0 AND ${t.correctIndex} < jsonb_array_length(${t.options})`,
    ),
    check(
      "questions_option_explanations_shape",
      sql`jsonb_typeof(${t.optionExplanations}) = 'array' AND jsonb_array_length(${t.optionExplanations}) = jsonb_array_length(${t.options})`,
    ),
    check("questions_quality_range", sql`${t.qualityScore} >= 0 AND ${t.qualityScore} <= 1`),
    check(
      "questions_counts",
      sql`${t.timesAnswered} >= 0 AND ${t.timesCorrect} >= 0 AND ${t.timesCorrect} <= ${t.timesAnswered} AND ${t.timesFlagged} >= 0`,
    ),
  ],
);

export const collections = pgTable(
  "collections",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    description: text("description"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("collections_user_name_idx").on(t.userId, t.name),
    check("collections_name_length", sql`char_length(${t.name}) BETWEEN 1 AND 100`),
  ],
);

export const collectionQuestions = pgTable(
  "collection_questions",
  {
    collectionId: uuid("collection_id")
      .notNull()
      .references(() => collections.id, { onDelete: "cascade" }),
    questionId: uuid("question_id")
      .notNull()
      .references(() => questions.id, { onDelete: "cascade" }),
    addedAt: timestamp("added_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.collectionId, t.questionId] }), index("collection_questions_question_idx").on(t.questionId)],
);

export const questionFlags = pgTable(
  "question_flags",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    questionId: uuid("question_id")
      .notNull()
      .references(() => questions.id, { onDelete: "cascade" }),
    reason: text("reason").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("question_flags_question_idx").on(t.questionId),
    index("question_flags_user_idx").on(t.userId, t.createdAt.desc()),
    check("question_flags_reason_length", sql`char_length(${t.reason}) BETWEEN 1 AND 1000`),
  ],
);
