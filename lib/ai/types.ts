/** Generation's response types, as pages and components see them (components never import db/**). */
import type { generationJobs } from "@/db/schema";

/** A generation job as the recent-jobs list shows it. */
export type GenerationJob = typeof generationJobs.$inferSelect;

/**
 * A generation job the page follows: what startGeneration returns for each job it created, and what
 * the page reads back for `?jobs=` after a reload or on another device.
 */
export type WatchedJob = {
  jobId: string;
  topic: string;
  requested: number;
  difficulty: number;
  preview: boolean;
  status: GenerationJob["status"];
  generator: { kind: "llm" | "offline"; label: string };
  passages: import("./events").PassageInfo[];
  notice?: string;
  /** A preview job's cards the student already decided on (by card id): show them as decided. */
  decisions: Record<string, PreviewDecision>;
};

export type PreviewDecision = { decision: "accepted" | "discarded"; questionId?: string };
