/** Every kind of background job, for the processes that run workers. A new kind is added here. */
import "server-only";
import { generateJob } from "@/lib/ai/generate-job";
import { ingestJob } from "@/lib/rag/ingest-job";

export const JOB_KINDS = [ingestJob, generateJob];
