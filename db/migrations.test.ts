/** The committed migrations apply cleanly to an empty database, and applying them again is a no-op. */
import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openDatabase } from "./index";

async function tableNames(h: Awaited<ReturnType<typeof openDatabase>>): Promise<string[]> {
  const result = await h.db.execute(
    sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`,
  );
  const rows = (Array.isArray(result) ? result : (result as unknown as { rows: unknown[] }).rows) as Array<{
    table_name: string;
  }>;
  return rows.map((r) => r.table_name);
}

const EXPECTED = [
  "accounts",
  "collection_questions",
  "collections",
  "generation_jobs",
  "material_chunks",
  "materials",
  "prompt_templates",
  "question_flags",
  "questions",
  "review_schedules",
  "revoked_sessions",
  "sessions",
  "user_attempts",
  "user_profiles",
  "users",
  "verification_tokens",
];

describe("migrations", () => {
  it("run clean on an empty PGlite database twice", async () => {
    const h = await openDatabase({ pgliteDir: null }, { migrate: true });
    const first = await tableNames(h);
    await h.close();
    expect(first).toEqual(expect.arrayContaining(EXPECTED));
    // PGlite in-memory: reopen is a new database, so migrate the same handle twice instead.
    const again = await openDatabase({ pgliteDir: null }, { migrate: true });
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    const { MIGRATIONS_FOLDER } = await import("./index");
    await migrate(again.db as never, { migrationsFolder: MIGRATIONS_FOLDER });
    expect(await tableNames(again)).toEqual(first);
    await again.close();
  }, 120_000); // two PGlite boots: seconds alone, much longer on a loaded 2-core machine

  it.runIf(Boolean(process.env.DATABASE_URL))("run clean on an empty PostgreSQL database twice", async () => {
    const admin = await openDatabase({ url: process.env.DATABASE_URL! });
    const name = `studyin_migtest_${crypto.randomBytes(4).toString("hex")}`;
    await admin.db.execute(sql.raw(`create database ${name}`));
    try {
      const url = new URL(process.env.DATABASE_URL!);
      url.pathname = `/${name}`;
      const first = await openDatabase({ url: url.toString() }, { migrate: true });
      const tables = await tableNames(first);
      await first.close();
      expect(tables).toEqual(expect.arrayContaining(EXPECTED));
      const second = await openDatabase({ url: url.toString() }, { migrate: true });
      expect(await tableNames(second)).toEqual(tables);
      await second.close();
    } finally {
      await admin.db.execute(sql.raw(`drop database if exists ${name} with (force)`));
      await admin.close();
    }
  }, 120_000);
});
