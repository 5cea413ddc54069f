/**
 * The database for a test file: the real Postgres at DATABASE_URL when set, else a PGlite of its
 * own, opened on a copy of the migrated template dir that the global setup built (see
 * tests/setup/global.ts). Installed as the process database, so code under test that calls getDb()
 * uses it.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, inject } from "vitest";
import { type Db, closeDb, openDatabase, setDbForTests } from "@/db";
import { resetEnvForTests } from "@/lib/env";
import { stopJobs } from "@/lib/jobs/engine";
import { userProfiles, users } from "@/db/schema";

let opened: Promise<Db> | undefined;

export function testDb(): Promise<Db> {
  opened ??= (async () => {
    const url = process.env.DATABASE_URL;
    // Test files run in parallel on one Postgres: each gets its own job queues (pg-boss schema), so
    // a worker never picks up another file's job (whose Chroma it does not know); tests/setup/global.ts
    // drops these schemas at the end of the run.
    const jobsSchema = url && (process.env.JOBS_SCHEMA ?? "pgboss_test_").startsWith("pgboss_test_") ? `pgboss_test_${process.pid}` : null;
    if (jobsSchema) {
      process.env.JOBS_SCHEMA = jobsSchema;
      resetEnvForTests();
    }
    const copyDir = url ? undefined : copyPgliteTemplate();
    const h = url ? await openDatabase({ url }) : await openDatabase({ pgliteDir: copyDir! }, { migrate: true });
    setDbForTests(h);
    afterAll(async () => {
      await stopJobs({ timeoutMs: 5_000 });
      await closeDb();
      if (copyDir) fs.rmSync(copyDir, { recursive: true, force: true });
    });
    return h.db;
  })();
  return opened;
}

function copyPgliteTemplate(): string {
  const template = inject("pgliteTemplateDir");
  if (!template) throw new Error("No PGlite template: tests/setup/global.ts must run as vitest's globalSetup");
  const dir = path.join(path.dirname(template), `file-${process.pid}-${crypto.randomUUID()}`);
  fs.cpSync(template, dir, { recursive: true });
  return dir;
}

export const usingRealPostgres = () => Boolean(process.env.DATABASE_URL);

/** A new user with a profile; every test makes its own. */
export async function makeUser(db: Db, overrides: { timezone?: string } = {}) {
  const email = `user-${crypto.randomUUID()}@test.studyin`;
  const [user] = await db.insert(users).values({ email, name: "Test Student" }).returning();
  await db.insert(userProfiles).values({ userId: user!.id, timezone: overrides.timezone ?? "UTC" });
  return user!;
}
