/**
 * What a kind of background job is: its queue, how it is retried and expired, how many run at once
 * per worker process, the work itself, and what happens when the engine gives up on one. Ingestion
 * is one (lib/rag/ingest-job.ts); generation can be another without touching the engine.
 */
import type { Env } from "@/lib/env";

export type JobInfo = {
  id: string;
  retryCount: number;
  retryLimit: number;
  /** Aborted when this process stops its workers mid-job: stop writing; the job is retried elsewhere. */
  signal: AbortSignal;
};

export type QueueSettings = {
  /**
   * "singleton": at most one job per singleton key is active at a time (the key is e.g. the student:
   * one ingestion per student at once); "standard": no such limit.
   */
  policy: "standard" | "singleton";
  retryLimit: number;
  /** Seconds before the first retry; doubled (with jitter) for each further one. */
  retryDelaySeconds: number;
  /** A job active longer than this is failed (and retried if it has retries left). */
  expireInSeconds: number;
};

export type JobDefinition<T extends object> = {
  /** The queue's name (letters, digits, dashes). */
  name: string;
  queue: (env: Env) => QueueSettings;
  /** Jobs of this kind one worker process runs at once. */
  concurrency: (env: Env) => number;
  /**
   * Does the work. Throwing hands the job back for a retry; work must therefore be idempotent
   * (a rerun replaces what an earlier, interrupted run wrote).
   */
  run: (data: T, job: JobInfo) => Promise<void>;
  /** Called once when the engine gives up (retries spent, or expired on the last attempt). */
  gaveUp: (data: T, reason: string) => Promise<void>;
};

/** A definition of any kind (the engine does not look inside the data). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyJob = JobDefinition<any>;

export const defineJob = <T extends object>(def: JobDefinition<T>) => def;
