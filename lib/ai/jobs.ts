/** A generation job as the JSON API reports it: status, counts, drops and the questions it saved. */
import "server-only";
import { getJob, jobQuestionIds } from "@/db/queries/generation";
import { notFound } from "@/lib/errors";

export async function generationJobStatus(userId: string, jobId: string) {
  const job = await getJob(userId, jobId);
  if (!job) throw notFound("That generation job");
  return {
    id: job.id,
    status: job.status,
    requested: job.requestedCount,
    generated: job.generatedCount,
    saved: job.savedCount,
    dropped: job.droppedCount,
    drops: job.drops,
    model: job.model,
    error: job.error,
    questionIds: await jobQuestionIds(userId, job.id),
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}
