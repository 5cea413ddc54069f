/**
 * `npm run worker`: a process that only runs background jobs (ingestion, generation), beside web processes
 * started with WORKERS=off. Any number may run against one Postgres (DATABASE_URL); pg-boss hands
 * each job to one of them. With the embedded database a worker process is only possible while no
 * web process holds the data directory (it has one owner), so embedded setups run the workers in
 * the web process (WORKERS=on).
 *
 * SIGTERM/SIGINT: no new jobs; running ones get WORKER_STOP_GRACE_SECONDS to finish, then are handed
 * back for another worker. A worker killed outright (SIGKILL, a crash) loses its jobs to expiry:
 * INGEST_JOB_TIMEOUT_SECONDS (GENERATION_JOB_TIMEOUT_SECONDS) later they are retried elsewhere.
 *
 * On Postgres it needs REDIS_URL, like the web processes: a generation's progress reaches the pages,
 * and Cancel reaches the worker, through Redis (lib/jobs/event-log.ts).
 */
import { closeDb } from "@/db";
import { getEnv } from "@/lib/env";
import { startAllWorkers, stopJobs } from "@/lib/jobs";

async function main() {
  const env = getEnv();
  // On Postgres, beside web processes. (An embedded data directory has one owner at a time: a worker
  // process there runs alone, with no web process to send progress to.)
  if (env.DATABASE_URL && !env.REDIS_URL) {
    console.error(
      "[worker] REDIS_URL is not set. A separate worker sends generation progress to the web processes and hears Cancel through Redis: set REDIS_URL (the same as the web processes'), or run the workers inside the web process (WORKERS=on, the default).",
    );
    process.exit(1);
  }
  if (!env.AUTH_SECRET)
    console.warn(
      `[worker] AUTH_SECRET is not set: preview cards are signed with the secret kept under ${env.DATA_DIR}, which only web processes on this machine share. Set AUTH_SECRET to the web processes' value.`,
    );
  await startAllWorkers();
  console.log(`[worker] ${process.pid} running jobs on ${env.DATABASE_URL ? "Postgres" : "the embedded database"}`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[worker] ${signal}: finishing the jobs in hand`);
    await stopJobs({ timeoutMs: env.WORKER_STOP_GRACE_SECONDS * 1000 });
    const { resetVectorStore } = await import("@/lib/rag/vector-store");
    await resetVectorStore({ stopServer: true }).catch(() => {});
    await closeDb();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((e) => {
  console.error("[worker] could not start:", e);
  process.exit(1);
});
