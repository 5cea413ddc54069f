/** Generation's response types, as pages and components see them (components never import db/**). */
import type { generationJobs } from "@/db/schema";

/** A generation job as the recent-jobs list shows it. */
export type GenerationJob = typeof generationJobs.$inferSelect;
