/**
 * Runs once before the test files. With DATABASE_URL, migrate that database (the tests then share
 * it, each test making its own users). Without it, every test file opens its own in-memory PGlite.
 */
export default async function setup() {
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  if (!process.env.DATABASE_URL) return;
  const { openDatabase } = await import("../../db");
  const h = await openDatabase({ url: process.env.DATABASE_URL }, { migrate: true });
  await dropTestJobSchemas(h.run);
  await h.close();
  // Each test file's job queues live in their own schema (tests/setup/db.ts): removed at the end.
  return async () => {
    const end = await openDatabase({ url: process.env.DATABASE_URL! });
    await dropTestJobSchemas(end.run);
    await end.close();
  };
}

async function dropTestJobSchemas(run: (text: string, params: unknown[]) => Promise<Record<string, unknown>[]>) {
  const rows = await run("select nspname from pg_namespace where nspname like 'pgboss\\_test\\_%'", []);
  for (const r of rows) await run(`drop schema if exists "${String(r.nspname)}" cascade`, []);
}
