/**
 * Generation as a durable job. The startGeneration action (lib/ai/start.ts) has created the job row
 * with its passages and prompt; the queue carries only the job's id, so any worker can run it.
 *
 * - Events go to the job's event log (lib/jobs/event-log.ts), which the pages watching the job read
 *   (GET /api/jobs/:id/stream): cards so far on a reload, then live.
 * - Cancel reaches the worker through the log's signals: the run's model call is aborted at once.
 * - A worker that dies mid-run: the engine expires the job and retries it; the rerun writes only the
 *   questions still missing. Once the retries are spent, `gaveUp` fails the job with the reason.
 * - A run can never outlive its job's expiry: it stops itself 10 s before, so a live worker never
 *   overlaps the retry of its own job.
 */
import "server-only";
import { checkIn, claimJob, finishJob, jobById, savedByJob } from "@/db/queries/generation";
import { type Env, getEnv } from "@/lib/env";
import { enqueue } from "@/lib/jobs";
import { type EventLog, eventLog } from "@/lib/jobs/event-log";
import { type JobInfo, defineJob } from "@/lib/jobs/types";
import type { GenerationEvent } from "./events";
import { questionWriter } from "./providers";
import type { GenerateRequest } from "./request";
import { CANCELLED, type GenerationContext, type RunOutcome, runGeneration } from "./service";

export type GenerateJobData = { jobId: string };

/** The channel Cancel is announced on (the job id is the message). */
export const CANCEL_CHANNEL = "studyin:generation:cancel";
/** A job's event log key. */
export const generationLogKey = (jobId: string) => `generation:${jobId}`;

export const GAVE_UP_REASON = "The generation was interrupted on our side and could not be finished. Questions completed so far are saved.";
export const TIMED_OUT_REASON = "The generation took too long and was stopped. Questions completed so far are saved.";

/** How long a generation may run before the engine takes it for dead. */
function generationTimeoutSeconds(env: Env = getEnv()): number {
  return env.GENERATION_JOB_TIMEOUT_SECONDS ?? env.MODEL_TIMEOUT_SECONDS * env.GENERATION_MAX_ATTEMPTS_PER_QUESTION + 60;
}

type Runs = { controllers: Map<string, AbortController>; subscribed?: Promise<unknown>; log?: EventLog };
const g = globalThis as unknown as { __studyinGenerationRuns?: Runs };
const runs = (): Runs => (g.__studyinGenerationRuns ??= { controllers: new Map() });

/** This process's workers listen for Cancel once; each run registers its controller. */
function listenForCancel() {
  const r = runs();
  if (r.log !== eventLog()) r.subscribed = undefined; // the process's log was replaced (tests)
  r.log = eventLog();
  r.subscribed ??= r.log
    .subscribe(CANCEL_CHANNEL, (jobId) => r.controllers.get(jobId)?.abort(new Error(CANCELLED)))
    .catch((e) => {
      r.subscribed = undefined;
      console.error("[generate] cannot listen for Cancel:", (e as Error).message);
    });
  return r.subscribed;
}

/** Appends to the job's log; a log that is down costs the live view, never the run. */
function logEmitter(jobId: string) {
  const log = eventLog();
  const key = generationLogKey(jobId);
  let warned = false;
  let chain = Promise.resolve();
  const emit = (e: GenerationEvent) => {
    chain = chain.then(() =>
      log.append(key, e).catch((err) => {
        if (!warned) console.error(`[generate] ${jobId}: the event log is unavailable (${(err as Error).message}); the page will show the saved result`);
        warned = true;
      }),
    );
  };
  /** Waits for the appends; `seal` when the job has ended (a job handed back for a retry goes on). */
  const close = async (seal = true) => {
    await chain;
    if (seal) await log.seal(key, getEnv().GENERATION_EVENTS_TTL_SECONDS).catch(() => {});
  };
  return { emit, close };
}

/**
 * Ends as cancelled a job no worker is running (its worker died), keeping what the earlier attempts
 * finished; tells its watchers. False when the job had already ended.
 */
export async function endCancelled(row: NonNullable<Awaited<ReturnType<typeof jobById>>>): Promise<boolean> {
  const saved = row.request.preview === true ? 0 : await savedByJob(row.id);
  const { emit, close } = logEmitter(row.id);
  const ended = await finish(row.id, { status: "cancelled", accepted: row.cards.length, saved, drops: row.drops, error: CANCELLED }, emit);
  await close();
  return ended;
}

/** Appends a job's last event and seals its log (the end recorded elsewhere, e.g. Cancel before a worker came). */
export async function logDone(jobId: string, done: Extract<GenerationEvent, { type: "done" }>) {
  const { emit, close } = logEmitter(jobId);
  emit(done);
  await close();
}

/** Records the end of a job once, and tells its watchers. */
async function finish(jobId: string, o: RunOutcome, emit: (e: GenerationEvent) => void) {
  const finished = await finishJob(jobId, {
    status: o.status,
    generatedCount: o.accepted,
    savedCount: o.saved,
    drops: o.drops,
    error: o.error,
  });
  if (finished)
    emit({ type: "done", status: o.status, accepted: o.accepted, saved: o.saved, dropped: o.drops.length, message: o.error ?? undefined });
  return finished;
}

async function run({ jobId }: GenerateJobData, info: JobInfo) {
  const job = await claimJob(jobId);
  const { emit, close } = logEmitter(jobId);
  try {
    if (!job) {
      // Finished meanwhile, or cancelled: a cancel that came before a worker did ends the job here.
      const row = await jobById(jobId);
      if (row && (row.status === "pending" || row.status === "running") && row.cancelRequestedAt) await endCancelled(row);
      return;
    }
    await listenForCancel();
    const controller = new AbortController();
    runs().controllers.set(jobId, controller);
    // This process stopping its workers stops the run too; the job is handed back, not finished.
    const onStop = () => controller.abort(info.signal.reason);
    info.signal.addEventListener("abort", onStop, { once: true });
    // Cancel comes as a signal; the flag is also read every second, for a signal that was missed
    // (announced before this run listened, or while Redis was away). Every 5 s the check-in is also
    // the run's sign of life, by which Cancel knows a job whose worker is gone.
    let ticks = 0;
    const checkCancel = async () => {
      const beat = ticks++ % 5 === 4;
      const { cancelRequested } = await checkIn(jobId, beat).catch(() => ({ cancelRequested: false }));
      if (cancelRequested && !controller.signal.aborted) controller.abort(new Error(CANCELLED));
    };
    await checkCancel();
    const cancelPoll = setInterval(() => void checkCancel(), 1000);
    // Stop before the engine would take this run for dead and start another.
    const deadline = setTimeout(() => controller.abort(new Error(TIMED_OUT_REASON)), (generationTimeoutSeconds() - 10) * 1000);
    try {
      const outcome = await runGeneration(
        {
          jobId,
          userId: job.userId,
          request: job.request as GenerateRequest,
          context: job.context as GenerationContext,
          attempt: job.attempts,
          cardsSoFar: job.cards.length,
          slotWaitSeconds: generationTimeoutSeconds(),
          earlier: (job.cards as { question: { vignette: string; leadIn: string } }[]).map((c) => c.question),
          writer: questionWriter(),
        },
        controller.signal,
        emit,
      );
      if (info.signal.aborted) return; // the engine retries it: a rerun writes the rest
      // A timed-out run is a failure with what it saved, not a cancellation.
      if (outcome.status === "cancelled" && outcome.error === TIMED_OUT_REASON) outcome.status = outcome.accepted > 0 ? "complete" : "failed";
      await finish(jobId, outcome, emit);
    } finally {
      info.signal.removeEventListener("abort", onStop);
      clearTimeout(deadline);
      clearInterval(cancelPoll);
      if (runs().controllers.get(jobId) === controller) runs().controllers.delete(jobId);
    }
  } finally {
    await close(!info.signal.aborted);
  }
}

export const generateJob = defineJob<GenerateJobData>({
  name: "generate-questions",
  queue: (env) => ({
    policy: "standard",
    retryLimit: env.GENERATION_JOB_RETRIES,
    retryDelaySeconds: 1,
    expireInSeconds: generationTimeoutSeconds(env),
  }),
  concurrency: (env) => env.GENERATION_CONCURRENCY,
  run: (data, info) => run(data, info),
  gaveUp: async ({ jobId }, reason) => {
    const job = await jobById(jobId);
    if (!job || (job.status !== "pending" && job.status !== "running")) return;
    console.error(`[generate] ${jobId}: gave up (${reason})`);
    const { emit, close } = logEmitter(jobId);
    const saved = job.request.preview === true ? 0 : await savedByJob(jobId);
    await finish(
      jobId,
      {
        status: job.cards.length > 0 ? "complete" : "failed",
        accepted: job.cards.length,
        saved,
        drops: job.drops,
        error: /expire|timeout/i.test(reason) ? TIMED_OUT_REASON : GAVE_UP_REASON,
      },
      emit,
    );
    await close();
  },
});

/** Queues a created job for a worker. */
export const enqueueGeneration = (jobId: string) => enqueue(generateJob, { jobId });

/** Announces Cancel to whichever process runs the job. */
export const announceCancel = (jobId: string) => eventLog().publish(CANCEL_CHANNEL, jobId);
