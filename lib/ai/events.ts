/** The typed events a generation streams to the page (one JSON object per line). */
import type { QuestionContent } from "@/db/schema/questions";
import type { DropReason } from "./validate";
import type { PatchOp } from "./partial";
import type { GeneratorKind } from "./providers";

export type PassageInfo = {
  chunkId: string;
  materialId: string;
  source: string;
  heading: string | null;
  excerpt: string;
  distance: number | null;
};

/** A finished, validated question as the page shows it. */
export type CompletedQuestion = QuestionContent & {
  topic: string;
  tags: string[];
  sourceChunkId: string;
  sourceQuote: string;
  source: { materialId: string; materialTitle: string; label: string; heading: string | null };
  sourceQuality: number;
};

export type GenerationEvent =
  | {
      type: "start";
      jobId: string;
      preview: boolean;
      requested: number;
      generator: { kind: GeneratorKind; label: string };
      passages: PassageInfo[];
      notice?: string;
    }
  /** The card being written changed: apply `patch` (lib/ai/partial.ts) to what it shows so far. */
  | { type: "partial"; cardId: string; patch: PatchOp[] }
  | { type: "complete"; cardId: string; question: CompletedQuestion; questionId?: string; previewToken?: string }
  | { type: "drop"; cardId: string; reason: DropReason | "unparseable"; message: string; detail?: string }
  | { type: "progress"; accepted: number; requested: number; dropped: number; round: number }
  | { type: "error"; code: string; message: string; retryAfterSeconds?: number }
  | {
      type: "done";
      status: "complete" | "failed" | "cancelled";
      accepted: number;
      saved: number;
      dropped: number;
      message?: string;
    };
