/**
 * The job engine: the process's one pg-boss instance. On Postgres (DATABASE_URL) it opens its own
 * small pool; on embedded PGlite it runs its SQL over the app's own client through pg-boss's `db`
 * adapter, since PGlite serves a single connection (so only the one process that owns the data
 * directory can run workers there). pg-boss keeps its tables in their own schema (JOBS_SCHEMA),
 * created and migrated on start.
 *
 * Jobs are retried with backoff, expired when a worker stops answering (a killed process), and
 * handed to a dead-letter queue once the engine gives up, whose worker calls the kind's `gaveUp`:
 * nothing stays "in progress" for good.
 */
import "server-only";
import type PgBoss from "pg-boss";
import { databaseKind, embeddedSql } from "@/db";
import { getEnv } from "@/lib/env";
import { eventLog } from "./event-log";
import type { AnyJob, JobDefinition, JobInfo } from "./types";

type State = {
  boss?: Promise<PgBoss>;
  queues: Map<string, Promise<void>>;
  /** Worker ids per queue in this process (to wake them when this process enqueues). */
  workers: Map<string, string[]>;
  /** The jobs this process is running: each one's stop, pulled when the process stops its workers. */
  running: Set<AbortController>;
  /** Stops listening for other processes' new-job announcements. */
  unwake?: () => void;
};
const g = globalThis as unknown as { __studyinJobs?: State };
const state = (): State => (g.__studyinJobs ??= { queues: new Map(), workers: new Map(), running: new Set() });

/** The queue that receives a kind's jobs once the engine has given up on them. */
export const deadLetterQueue = (name: string) => `${name}-gave-up`;

async function createBoss(): Promise<PgBoss> {
  const env = getEnv();
  const { default: PgBossClass } = await import("pg-boss");
  const common = {
    schema: env.JOBS_SCHEMA,
    migrate: true,
    // Expiry of dead workers' jobs, retries and archiving run in this "maintenance".
    supervise: true,
    maintenanceIntervalSeconds: env.JOBS_MAINTENANCE_SECONDS,
    // No cron schedules (yet): skip their clock.
    schedule: false,
  };
  // pg-boss hands its options to pg's Pool: a database that does not answer fails an enqueue in
  // seconds instead of at the TCP timeout (the option is pg's, so pg-boss's types do not list it).
  const postgresOptions: PgBoss.ConstructorOptions & { connectionTimeoutMillis: number } = {
    ...common,
    connectionString: env.DATABASE_URL,
    max: 4,
    application_name: "studyin-jobs",
    connectionTimeoutMillis: 5000,
  };
  const embedded = await embeddedSql();
  const boss = embedded
    ? new PgBossClass({
        ...common,
        db: {
          // pg-boss sends its multi-statement scripts (schema, locks) without parameters: PGlite's
          // exec runs those; everything with parameters goes through its extended protocol.
          executeSql: async (text: string, values?: unknown[]) => ({
            rows: values && values.length > 0 ? await embedded.query(text, values) : await embedded.exec(text),
          }),
        },
      })
    : new PgBossClass(postgresOptions);
  boss.on("error", (e: Error) => console.error("[jobs]", e.message));
  await boss.start();
  return boss;
}

/** The started engine (created on first use). */
export function engine(): Promise<PgBoss> {
  const s = state();
  s.boss ??= createBoss().catch((e) => {
    s.boss = undefined;
    throw e;
  });
  return s.boss;
}

/**
 * pg-boss 10's createQueue takes no lock: processes creating the same queue at once (worker
 * processes starting together on a fresh database) can deadlock in Postgres, and one of them failed
 * to start. Postgres lets one through; the other tries again and finds the queue there.
 */
async function createQueue(boss: PgBoss, name: string, options: PgBoss.Queue): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await boss.createQueue(name, options);
      return;
    } catch (e) {
      if ((e as { code?: unknown }).code !== "40P01" || attempt >= 5) throw e;
      await new Promise((r) => setTimeout(r, 50 * attempt + Math.random() * 100));
    }
  }
}

/** Creates the kind's queue and its dead-letter queue once per process, with this process's settings. */
function ensureQueue(boss: PgBoss, def: AnyJob): Promise<void> {
  const s = state();
  let done = s.queues.get(def.name);
  if (!done) {
    done = (async () => {
      const q = def.queue(getEnv());
      const dead = deadLetterQueue(def.name);
      await createQueue(boss, dead, { name: dead, policy: "standard", retryLimit: 5, retryDelay: 5, retryBackoff: true });
      const options = {
        name: def.name,
        policy: q.policy,
        retryLimit: q.retryLimit,
        retryDelay: q.retryDelaySeconds,
        retryBackoff: true,
        expireInSeconds: q.expireInSeconds,
        deadLetter: dead,
      };
      await createQueue(boss, def.name, options);
      // An existing queue keeps its row: bring its retry and expiry settings to the current configuration.
      await boss.updateQueue(def.name, options);
    })().catch((e) => {
      s.queues.delete(def.name);
      throw e;
    });
    s.queues.set(def.name, done);
  }
  return done;
}

export type EnqueueOptions = {
  /** With a "singleton" queue: at most one job with this key is active at a time. */
  singletonKey?: string;
  /** Higher runs first; equal priorities run oldest first. */
  priority?: number;
};

/** Adds a job; returns its id. Wakes this process's idle workers of that kind at once. */
export async function send<T extends object>(def: JobDefinition<T>, data: T, options: EnqueueOptions = {}): Promise<string> {
  const boss = await engine();
  await ensureQueue(boss, def);
  const id = await boss.send(def.name, data, options);
  if (!id) throw new Error(`[jobs] ${def.name}: the job was not accepted.`);
  wake(boss, def.name);
  // Worker processes elsewhere hear of it through Redis instead of at their next poll.
  const log = eventLog();
  if (log.kind === "redis") void log.publish(WAKE_CHANNEL, def.name).catch(() => {});
  return id;
}

/** Announces a new job to every worker process (they take it at once instead of at their next poll). */
const WAKE_CHANNEL = "studyin:jobs:wake";

function wake(boss: PgBoss, name: string) {
  for (const worker of state().workers.get(name) ?? []) boss.notifyWorker(worker);
}

const reasonOf = (output: unknown): string => {
  const o = output as { message?: unknown; value?: { message?: unknown } } | null;
  const m = o?.message ?? o?.value?.message;
  return typeof m === "string" ? m : "the job failed";
};

/**
 * Embedded only: jobs left active by a process that is gone (the data directory has one owner, so
 * any active job at start is an orphan) go back to their queue now instead of at their expiry.
 */
async function requeueOrphans(boss: PgBoss, defs: AnyJob[]) {
  const sql = await embeddedSql();
  if (!sql) return;
  const schema = getEnv().JOBS_SCHEMA.replace(/"/g, "");
  for (const def of defs) {
    const rows = await sql.query(`select id from "${schema}".job where name = $1 and state = 'active'`, [def.name]);
    const ids = rows.map((r) => String(r.id));
    if (ids.length > 0) {
      console.warn(`[jobs] ${def.name}: ${ids.length} job(s) cut off by a restart, handing back for a retry.`);
      // pg-boss takes an output object with an array of ids too; its types list only the single-id form.
      const fail = boss.fail.bind(boss) as (name: string, ids: string[], data: object) => Promise<unknown>;
      await fail(def.name, ids, { message: "The worker stopped mid-job (a restart)." });
    }
  }
}

/** Starts this process's workers for these kinds (idempotent per kind). */
export async function startWorkers(defs: AnyJob[]): Promise<void> {
  const env = getEnv();
  const started = engine();
  const boss = await started;
  const s = state();
  const fresh = defs.filter((d) => !s.workers.has(d.name));
  if (fresh.length === 0) return;
  for (const def of fresh) s.workers.set(def.name, []);
  try {
    if ((await databaseKind()) === "pglite") await requeueOrphans(boss, fresh);
    for (const def of fresh) {
      await ensureQueue(boss, def);
      const ids: string[] = [];
      const poll = { pollingIntervalSeconds: env.JOBS_POLL_SECONDS, batchSize: 1, includeMetadata: true as const };
      for (let i = 0; i < def.concurrency(env); i++) {
        ids.push(
          await boss.work<object>(def.name, poll, async ([job]) => {
            const stop = new AbortController();
            const info: JobInfo = { id: job!.id, retryCount: job!.retryCount, retryLimit: job!.retryLimit, signal: stop.signal };
            console.info(`[jobs] ${def.name} ${job!.id} started (attempt ${info.retryCount + 1} of ${info.retryLimit + 1}, pid ${process.pid})`);
            s.running.add(stop);
            try {
              await def.run(job!.data, info);
              if (stop.signal.aborted) throw new Error("The worker stopped mid-job.");
            } catch (e) {
              console.error(`[jobs] ${def.name} ${job!.id} (attempt ${info.retryCount + 1} of ${info.retryLimit + 1}) failed:`, e);
              throw e;
            } finally {
              s.running.delete(stop);
            }
          }),
        );
      }
      ids.push(
        await boss.work<object>(deadLetterQueue(def.name), poll, async ([job]) => {
          await def.gaveUp(job!.data, reasonOf(job!.output));
        }),
      );
      s.workers.set(def.name, ids);
    }
    const log = eventLog();
    if (log.kind === "redis" && !s.unwake)
      s.unwake = await log
        .subscribe(WAKE_CHANNEL, (name) => {
          if (s.boss === started) wake(boss, name);
        })
        .catch((e) => {
          console.warn("[jobs] no wake-ups from other processes (polling instead):", (e as Error).message);
          return undefined;
        });
  } catch (e) {
    for (const def of fresh) if (s.workers.get(def.name)?.length === 0) s.workers.delete(def.name);
    throw e;
  }
}

/** True when this process runs workers for the kind. */
export const hasWorkers = (name: string) => (state().workers.get(name)?.length ?? 0) > 0;

/**
 * Stops the engine: workers take no new jobs, running ones get `timeoutMs` to finish, and any still
 * running then are handed back for a retry elsewhere (pg-boss fails them, with their retries).
 */
export async function stopJobs(opts: { timeoutMs?: number } = {}): Promise<void> {
  const s = state();
  const boss = s.boss;
  s.boss = undefined;
  s.queues.clear();
  s.workers.clear();
  s.unwake?.();
  s.unwake = undefined;
  if (!boss) return;
  const b = await boss.catch(() => null);
  const timeout = opts.timeoutMs ?? 20_000;
  // Jobs still running when the grace ends are told to stop (they write nothing more), and the
  // engine hands them back for a retry elsewhere.
  const running = [...s.running];
  const pull = () => running.forEach((c) => c.abort(new Error("The worker is stopping.")));
  const grace = timeout > 0 ? setTimeout(pull, Math.max(timeout, 1000) - 100) : undefined;
  if (!grace) pull();
  try {
    await b?.stop({ graceful: timeout > 0, timeout, close: true });
  } finally {
    clearTimeout(grace);
  }
}

/** Resolves when no job of these kinds (or their dead letters) is queued, retrying or running. */
export async function jobsIdle(defs: AnyJob[], opts: { timeoutMs?: number } = {}): Promise<void> {
  const boss = await engine();
  const deadline = Date.now() + (opts.timeoutMs ?? 300_000);
  const names = defs.flatMap((d) => [d.name, deadLetterQueue(d.name)]);
  for (;;) {
    let pending = 0;
    for (const name of names) pending += (await boss.getQueueSize(name, { before: "completed" })) ?? 0;
    if (pending === 0) return;
    if (Date.now() > deadline) throw new Error(`[jobs] still ${pending} job(s) pending after ${opts.timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
