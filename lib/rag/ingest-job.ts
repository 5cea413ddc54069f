/**
 * Ingestion as a durable job. The upload has stored the file (the blob store) and the material row;
 * the job carries only the material's id, so any worker can run it, and a rerun after a restart or a
 * killed worker starts again from the stored bytes (the pipeline replaces what a cut-off run wrote).
 *
 * Fairness between students, on pg-boss: the queue's "singleton" policy keyed by the student lets
 * at most one of a student's files be processed at a time, across every worker; and a file's
 * priority is minus the number of the student's files already waiting, so everyone's first file
 * goes before anyone's second (students take turns). One student's big upload holds back only
 * their own next files.
 */
import "server-only";
import { getBlob } from "@/db/queries/blobs";
import { type MaterialRow, inProgressCount, markFailed, materialById, setProgress } from "@/db/queries/materials";
import { defineJob } from "@/lib/jobs/types";
import { enqueue, jobsIdleFor } from "@/lib/jobs";
import { discardIngestion, ingestMaterial } from "./ingest";
import { isInProgress } from "./status";

export type IngestJobData = { materialId: string };

export const NO_BLOB_REASON = "The uploaded file is no longer stored. Please upload it again.";
export const GAVE_UP_REASON = "Processing kept failing on our side. Press Retry to try again.";
export const NOT_QUEUED_REASON = "The file is stored but could not be queued for processing. Press Retry to try again.";
export const TIMED_OUT_REASON = "Processing did not finish in time. Press Retry to try again.";

export const ingestJob = defineJob<IngestJobData>({
  name: "ingest-material",
  queue: (env) => ({
    policy: "singleton",
    retryLimit: env.INGEST_JOB_RETRIES,
    retryDelaySeconds: 5,
    expireInSeconds: env.INGEST_JOB_TIMEOUT_SECONDS,
  }),
  concurrency: (env) => env.INGEST_CONCURRENCY,
  run: async ({ materialId }, job) => {
    const m = await materialById(materialId);
    // Deleted meanwhile, or finished by an earlier run whose completion was not recorded.
    if (!m || !isInProgress(m.status)) return;
    const bytes = await getBlob(m.id);
    if (!bytes) {
      await markFailed(m.id, NO_BLOB_REASON);
      return;
    }
    if (job.retryCount > 0) console.info(`[ingest] ${m.id}: attempt ${job.retryCount + 1} of ${job.retryLimit + 1}`);
    try {
      await ingestMaterial(m, bytes);
    } catch (e) {
      // Back to "waiting" while the engine schedules the retry.
      await setProgress(m.id, "stored", { stage: "stored", message: "Retrying after a problem on our side" }).catch(() => {});
      throw e;
    }
  },
  gaveUp: async ({ materialId }, reason) => {
    const m = await materialById(materialId);
    if (!m || !isInProgress(m.status)) return;
    console.error(`[ingest] ${m.id}: gave up (${reason})`);
    await discardIngestion(m);
    await markFailed(m.id, /timeout/i.test(reason) ? TIMED_OUT_REASON : GAVE_UP_REASON);
  },
});

/** Queues a stored material for ingestion (behind the student's other waiting files). */
export async function enqueueIngestion(material: Pick<MaterialRow, "id" | "userId">): Promise<void> {
  const waiting = await inProgressCount(material.userId, material.id);
  await enqueue(ingestJob, { materialId: material.id }, { singletonKey: material.userId, priority: -waiting });
}

/** Resolves when no ingestion is queued or running (tests, benchmarks). */
export const ingestionIdle = (): Promise<void> => jobsIdleFor([ingestJob]);
