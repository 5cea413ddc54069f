/**
 * Starting and cancelling generations (the web side of lib/ai/generate-job.ts), for the Generate
 * page's actions and POST /api/generate alike.
 */
import "server-only";
import { CANCELLED_BEFORE_START, createJob, finishJob, requestCancel } from "@/db/queries/generation";
import { AppError, notFound } from "@/lib/errors";
import { retrieveContext } from "@/lib/rag/retrieve";
import { consumeGenerationLimits } from "@/lib/ratelimit/generation";
import { announceCancel, enqueueGeneration, generationLogKey } from "./generate-job";
import { questionWriter } from "./providers";
import type { StartGenerationRequest } from "./request";
import { type Retrieve, checkDailyQuota, planGeneration } from "./service";
import type { WatchedJob } from "./types";
import { eventLog } from "@/lib/jobs/event-log";
import { getEnv } from "@/lib/env";

export const NOT_QUEUED = "Studyin could not queue the generation (the job queue did not answer). Nothing was charged; please try again.";

/**
 * One job per topic. Everything that can refuse the request runs before any job exists: the daily
 * quota for all topics together, retrieval and the on-topic gate for each topic, then the hourly
 * limits (one generation per topic). Returns once the jobs are queued.
 */
export async function startGenerations(
  userId: string,
  input: StartGenerationRequest,
  opts: { ip: string | null; retrieve?: Retrieve },
): Promise<WatchedJob[]> {
  const { topics, ...shared } = input;
  await checkDailyQuota(userId, shared.count * topics.length);
  const writer = questionWriter();
  const retrieve = opts.retrieve ?? retrieveContext;
  const plans = await Promise.all(topics.map((topic) => planGeneration(userId, { ...shared, topic }, { retrieve, writer })));
  for (let i = 0; i < plans.length; i++) await consumeGenerationLimits(userId, opts.ip);

  const jobs: WatchedJob[] = [];
  for (const plan of plans) {
    const jobId = await createJob(userId, {
      request: { ...plan.request },
      requestedCount: plan.request.count,
      model: writer.modelId,
      passages: plan.passages,
      context: plan.context,
    });
    try {
      await enqueueGeneration(jobId);
    } catch (e) {
      console.error("[generate] could not queue", jobId, e);
      await finishJob(jobId, { status: "failed", generatedCount: 0, savedCount: 0, drops: [], error: NOT_QUEUED }).catch(() => {});
      throw new AppError("unavailable", NOT_QUEUED, { retryAfterSeconds: 10 });
    }
    jobs.push({
      jobId,
      topic: plan.request.topic,
      requested: plan.request.count,
      difficulty: plan.request.difficulty,
      preview: plan.request.preview,
      status: "pending",
      generator: { kind: writer.kind, label: writer.label },
      passages: plan.passages,
      notice: plan.notice,
      decisions: {},
    });
  }
  return jobs;
}

/**
 * Cancel: a waiting job is cancelled at once; a running one is told to stop, and its worker aborts
 * the model call and records the end. 404 for another user's job.
 */
export async function cancelGeneration(userId: string, jobId: string): Promise<{ status: string }> {
  const r = await requestCancel(userId, jobId);
  if (!r) throw notFound("That generation");
  if (r.wasWaiting) {
    const log = eventLog();
    await log
      .append(generationLogKey(jobId), { type: "done", status: "cancelled", accepted: 0, saved: 0, dropped: 0, message: CANCELLED_BEFORE_START })
      .then(() => log.seal(generationLogKey(jobId), getEnv().GENERATION_EVENTS_TTL_SECONDS))
      .catch(() => {});
  } else if (r.status === "running") await announceCancel(jobId).catch((e) => console.error("[generate] cancel not announced", e));
  return { status: r.status };
}
