/**
 * Background jobs: the one entry point the app uses. `enqueue` adds a job of a kind (a
 * JobDefinition); which process runs it depends on WORKERS: "on" (the default) runs the workers in
 * this process too, started at server start (instrumentation.ts) or on the first enqueue; "off"
 * only enqueues, for `npm run worker` processes (scripts/worker.ts) to take.
 */
import "server-only";
import { getEnv } from "@/lib/env";
import { type EnqueueOptions, jobsIdle, send, startWorkers, stopJobs } from "./engine";
import type { AnyJob, JobDefinition } from "./types";

export { defineJob, type JobDefinition } from "./types";
export { stopJobs };

/** Starts workers for every kind in this process (the web process with WORKERS=on, or a worker process). */
export async function startAllWorkers(): Promise<void> {
  const { JOB_KINDS } = await import("./registry");
  await startWorkers(JOB_KINDS);
}

const g = globalThis as unknown as { __studyinJobSignals?: boolean };

/**
 * The web process's workers (WORKERS=on), started with the server. On SIGTERM/SIGINT the jobs in
 * flight are handed back at once (each keeps its retries), so another process — or this one after
 * its restart — takes them up instead of waiting for their expiry; Next exits soon after the signal.
 */
export async function startInProcessWorkers(): Promise<void> {
  if (getEnv().WORKERS !== "on") return;
  if (!g.__studyinJobSignals) {
    g.__studyinJobSignals = true;
    for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => void stopJobs({ timeoutMs: 0 }).catch(() => {}));
  }
  await startAllWorkers();
}

/** Adds a job; with WORKERS=on this process's workers are running (started if need be). */
export async function enqueue<T extends object>(def: JobDefinition<T>, data: T, options: EnqueueOptions = {}): Promise<string> {
  if (getEnv().WORKERS === "on") await startAllWorkers();
  return send(def, data, options);
}

/** Resolves when no job of these kinds is waiting or running anywhere (tests, benchmarks). */
export const jobsIdleFor = (defs: AnyJob[]) => jobsIdle(defs);
