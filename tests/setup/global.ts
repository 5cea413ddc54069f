/**
 * Runs once before the test files. With DATABASE_URL, migrate that database (the tests then share
 * it, each test making its own users). Without it, build one migrated PGlite data dir, the
 * template: each test file opens its own copy of it (tests/setup/db.ts). A fresh PGlite runs initdb
 * and the migrations (4-9 s per file on our 2-core machines); opening a copy takes 1-2 s.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** The migrated PGlite data dir test files copy (unset with DATABASE_URL). */
    pgliteTemplateDir?: string;
  }
}

export default async function setup(project: TestProject) {
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  const dataDir = project.config.env.DATA_DIR; // this run's own (vitest.config.mts)
  const removeDataDir = () => {
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  };
  const { openDatabase } = await import("../../db");
  if (process.env.DATABASE_URL) {
    const h = await openDatabase({ url: process.env.DATABASE_URL }, { migrate: true });
    await dropTestJobSchemas(h.run);
    await h.close();
    // Each test file's job queues live in their own schema (tests/setup/db.ts): removed at the end.
    return async () => {
      const end = await openDatabase({ url: process.env.DATABASE_URL! });
      await dropTestJobSchemas(end.run);
      await end.close();
      removeDataDir();
    };
  }
  // One dir per run: copies live beside the template and go with it at the end.
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), "studyin-vitest-pglite-"));
  const templateDir = path.join(runDir, "template");
  const h = await openDatabase({ pgliteDir: templateDir }, { migrate: true });
  await h.close();
  project.provide("pgliteTemplateDir", templateDir);
  return () => {
    fs.rmSync(runDir, { recursive: true, force: true });
    removeDataDir();
  };
}

async function dropTestJobSchemas(run: (text: string, params: unknown[]) => Promise<Record<string, unknown>[]>) {
  const rows = await run("select nspname from pg_namespace where nspname like 'pgboss\\_test\\_%'", []);
  for (const r of rows) await run(`drop schema if exists "${String(r.nspname)}" cascade`, []);
}
