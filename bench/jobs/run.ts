/**
 * bench:jobs: queue latency of the job engine, from `enqueue` returning to the worker's handler
 * starting, one job at a time (a no-op job kind defined here), p50/p95:
 *
 * 1. Embedded PGlite (a fresh data dir under BENCH_DATA_DIR), worker in the same process (the
 *    default setup: `npm run dev` / `npm start`), which the enqueue wakes at once.
 * 2. Postgres (BENCH_DATABASE_URL, else DATABASE_URL; skipped when neither is set), worker in this
 *    process, likewise woken.
 * 3. Postgres, enqueued by another pg-boss client with its own connections (a web process with
 *    WORKERS=off): the worker finds the job on its next poll (JOBS_POLL_SECONDS).
 *
 * The reference printed beside each, measured in the same run on the same database: one `SELECT 1`
 * round trip (the floor for anything stored in the database), and for 3 the poll interval.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const N = Number(process.env.BENCH_JOBS_N || 200);
const N_POLLED = Number(process.env.BENCH_JOBS_N_POLLED || 60);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const ms = (x: number) => `${x.toFixed(1)} ms`;
const row = (label: string, xs: number[], ref: string) =>
  console.log(`${label.padEnd(52)} p50 ${ms(pct(xs, 50)).padStart(9)}   p95 ${ms(pct(xs, 95)).padStart(9)}   ${ref}`);

async function measure(databaseUrl: string | undefined) {
  const dataDir = fs.mkdtempSync(path.join(process.env.BENCH_DATA_DIR || os.tmpdir(), "studyin-bench-jobs-"));
  process.env.DATA_DIR = dataDir;
  if (databaseUrl) process.env.DATABASE_URL = databaseUrl;
  else delete process.env.DATABASE_URL;
  process.env.JOBS_SCHEMA = "pgboss_bench";
  process.env.WORKERS = "on";
  const { resetEnvForTests, getEnv } = await import("@/lib/env");
  resetEnvForTests();
  const db = await import("@/db");
  const engine = await import("@/lib/jobs/engine");
  const { defineJob } = await import("@/lib/jobs/types");

  const kind = databaseUrl ? "Postgres" : "embedded PGlite";
  let started: ((t: number) => void) | null = null;
  const benchJob = defineJob<{ i: number }>({
    name: "bench-noop",
    queue: () => ({ policy: "standard", retryLimit: 0, retryDelaySeconds: 1, expireInSeconds: 60 }),
    concurrency: () => 1,
    run: async () => started?.(performance.now()),
    gaveUp: async () => {},
  });

  const roundTrips: number[] = [];
  const handle = await db.getDb();
  const { sql } = await import("drizzle-orm");
  for (let i = 0; i < N; i++) {
    const t = performance.now();
    await handle.execute(sql`select 1`);
    roundTrips.push(performance.now() - t);
  }

  await engine.startWorkers([benchJob]);
  const wait = () => new Promise<number>((resolve) => (started = resolve));
  // Warm-up (queue creation, first plans).
  for (let i = 0; i < 5; i++) {
    const w = wait();
    await engine.send(benchJob, { i });
    await w;
  }
  const local: number[] = [];
  const sends: number[] = [];
  for (let i = 0; i < N; i++) {
    const w = wait();
    const t = performance.now();
    await engine.send(benchJob, { i });
    sends.push(performance.now() - t);
    local.push((await w) - t);
  }
  row(`${kind}, worker in this process`, local, `reference SELECT 1: p50 ${ms(pct(roundTrips, 50))}, p95 ${ms(pct(roundTrips, 95))}`);
  row(`  of which the enqueue itself (send returns)`, sends, "");

  if (databaseUrl) {
    // Another process's enqueue, as a web process with WORKERS=off does it: its own pg-boss client.
    const { default: PgBoss } = await import("pg-boss");
    const other = new PgBoss({ connectionString: databaseUrl, schema: getEnv().JOBS_SCHEMA, supervise: false, schedule: false, migrate: false, max: 2 });
    await other.start();
    const polled: number[] = [];
    for (let i = 0; i < N_POLLED; i++) {
      // Jobs arrive at random moments of the worker's poll cycle, not right after its last fetch.
      await new Promise((r) => setTimeout(r, Math.random() * getEnv().JOBS_POLL_SECONDS * 1000));
      const w = wait();
      const t = performance.now();
      await other.send("bench-noop", { i });
      polled.push((await w) - t);
    }
    await other.stop({ graceful: false, close: true });
    row(`${kind}, enqueued by another process (worker polls)`, polled, `reference: poll interval ${getEnv().JOBS_POLL_SECONDS * 1000} ms`);
  }

  await engine.stopJobs({ timeoutMs: 0 });
  if (databaseUrl) await handle.execute(sql.raw(`drop schema if exists pgboss_bench cascade`));
  await db.closeDb();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

async function main() {
  console.log(`Studyin bench:jobs: enqueue -> handler start, ${N} jobs one at a time (${N_POLLED} for the polled case), ${os.cpus().length} CPUs, load ${os.loadavg()[0]!.toFixed(1)}\n`);
  await measure(undefined);
  const url = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL;
  if (url) await measure(url);
  else console.log("Postgres: skipped (set BENCH_DATABASE_URL or DATABASE_URL)");
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
