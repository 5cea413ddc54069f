/** Uploaded study material and its passages (chunks). */
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./auth";
import { tsvector } from "./types";

export const MATERIAL_TYPES = ["pdf", "markdown", "text"] as const;
export type MaterialType = (typeof MATERIAL_TYPES)[number];

/** stored -> extracting -> chunking -> embedding -> ready, or failed at any step. */
export const MATERIAL_STATUSES = ["stored", "extracting", "chunking", "embedding", "ready", "failed"] as const;
export type MaterialStatus = (typeof MATERIAL_STATUSES)[number];

/** Live progress of an ingestion, e.g. { stage: "extracting", current: 3, total: 40 }. */
export type MaterialProgress = { stage: MaterialStatus; current?: number; total?: number; message?: string };

export const materials = pgTable(
  "materials",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    fileName: text("file_name").notNull(),
    type: text("type", { enum: MATERIAL_TYPES }).notNull(),
    sizeBytes: bigint("size_bytes", { mode: "number" }).notNull(),
    pageCount: integer("page_count"),
    chunkCount: integer("chunk_count").notNull().default(0),
    status: text("status", { enum: MATERIAL_STATUSES }).notNull().default("stored"),
    progress: jsonb("progress").$type<MaterialProgress>(),
    /** A reason the student understands, set when status = failed. */
    failureReason: text("failure_reason"),
    /** Set when the passages are in Postgres but not (or not all) in Chroma. */
    needsReindex: boolean("needs_reindex").notNull().default(false),
    /** The embedder (name:dimension) whose Chroma collection holds this material's vectors. */
    embedder: text("embedder"),
    /** sha256 of the uploaded bytes. */
    contentHash: text("content_hash"),
    archived: boolean("archived").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("materials_user_created_idx").on(t.userId, t.createdAt.desc()),
    check("materials_size_nonneg", sql`${t.sizeBytes} >= 0`),
    check("materials_failed_has_reason", sql`${t.status} <> 'failed' OR ${t.failureReason} IS NOT NULL`),
  ],
);

export const materialChunks = pgTable(
  "material_chunks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    materialId: uuid("material_id")
      .notNull()
      .references(() => materials.id, { onDelete: "cascade" }),
    /** Denormalised owner, so every retrieval filters on the user without a join. */
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    ordinal: integer("ordinal").notNull(),
    pageStart: integer("page_start"),
    pageEnd: integer("page_end"),
    /** Heading path, e.g. "Heart Anatomy > Chambers". */
    heading: text("heading"),
    content: text("content").notNull(),
    wordCount: integer("word_count").notNull().default(0),
    tsv: tsvector("tsv")
      .notNull()
      .generatedAlwaysAs(sql`to_tsvector('english', coalesce(heading, '') || ' ' || content)`),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("material_chunks_material_ordinal_idx").on(t.materialId, t.ordinal),
    index("material_chunks_user_idx").on(t.userId),
    index("material_chunks_tsv_idx").using("gin", t.tsv),
    check("material_chunks_pages", sql`${t.pageStart} IS NULL OR (${t.pageStart} >= 1 AND ${t.pageEnd} >= ${t.pageStart})`),
  ],
);
