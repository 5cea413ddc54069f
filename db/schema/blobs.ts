/**
 * Uploaded files, kept in Postgres so that any worker on any machine can (re)ingest them and a
 * restart loses nothing. One row per material; deleting the material deletes its bytes.
 */
import { integer, pgTable, timestamp, uuid } from "drizzle-orm/pg-core";
import { materials } from "./materials";
import { bytea } from "./types";

export const materialBlobs = pgTable("material_blobs", {
  materialId: uuid("material_id")
    .primaryKey()
    .references(() => materials.id, { onDelete: "cascade" }),
  bytes: bytea("bytes").notNull(),
  /** The size as stored (a check when reading it back). */
  sizeBytes: integer("size_bytes").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
