/**
 * Starting and cancelling generations (the web side of lib/ai/generate-job.ts), for the Generate
 * page's actions and POST /api/generate alike.
 */
import "server-only";
import { CANCELLED_BEFORE_START, createJobs, finishJob, jobById, requestCancel } from "@/db/queries/generation";
import { AppError, notFound } from "@/lib/errors";
import { retrieveContext } from "@/lib/rag/retrieve";
import { consumeGenerationLimits } from "@/lib/ratelimit/generation";
import { announceCancel, endCancelled, enqueueGeneration, logDone } from "./generate-job";
import { questionWriter } from "./providers";
import type { StartGenerationRequest } from "./request";
import { type Retrieve, checkDailyQuota, planGeneration } from "./service";
import type { WatchedJob } from "./types";

const NOT_QUEUED = "Studyin could not queue the generation (the job queue did not answer). Please try again in a moment.";

/**
 * One job per topic. Everything that can refuse the request runs before any job exists: the daily
 * quota for all topics together, retrieval and the on-topic gate for each topic, then the hourly
 * limits (one generation per topic). The jobs are created together, then queued; returns once
 * they are. A job the queue did not take is failed at once with the reason (and shown so); when
 * none was taken, the request fails.
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

  const ids = await createJobs(
    userId,
    plans.map((plan) => ({
      request: { ...plan.request },
      requestedCount: plan.request.count,
      model: writer.modelId,
      passages: plan.passages,
      context: plan.context,
    })),
  );
  const jobs: WatchedJob[] = plans.map((plan, i) => ({
    jobId: ids[i]!,
    topic: plan.request.topic,
    requested: plan.request.count,
    difficulty: plan.request.difficulty,
    preview: plan.request.preview,
    status: "pending",
    generator: { kind: writer.kind, label: writer.label },
    passages: plan.passages,
    notice: plan.notice,
    decisions: {},
  }));
  let queued = 0;
  for (const job of jobs) {
    try {
      await enqueueGeneration(job.jobId);
      queued++;
    } catch (e) {
      console.error("[generate] could not queue", job.jobId, e);
      job.status = "failed";
      await finishJob(job.jobId, { status: "failed", generatedCount: 0, savedCount: 0, drops: [], error: NOT_QUEUED }).catch((err) =>
        console.error("[generate] could not record that", job.jobId, "was not queued; it waits until cancelled", err),
      );
    }
  }
  if (queued === 0) throw new AppError("unavailable", NOT_QUEUED, { retryAfterSeconds: 10 });
  return jobs;
}

/**
 * Cancel: a waiting job is cancelled at once; a running one is told to stop, and its worker aborts
 * the model call and records the end. 404 for another user's job.
 */
export async function cancelGeneration(userId: string, jobId: string): Promise<{ status: string }> {
  const r = await requestCancel(userId, jobId);
  if (!r) throw notFound("That generation");
  if (r.wasWaiting) await logDone(jobId, { type: "done", status: "cancelled", accepted: 0, saved: 0, dropped: 0, message: CANCELLED_BEFORE_START });
  else if (r.workerGone) {
    // Its worker died and the engine has not noticed yet: end the job now with what it saved (a
    // retry that comes later finds it ended and does nothing).
    const job = await jobById(jobId);
    if (job && (await endCancelled(job))) return { status: "cancelled" };
  } else if (r.status === "running") await announceCancel(jobId).catch((e) => console.error("[generate] cancel not announced", e));
  return { status: r.status };
}
