/**
 * The typed events of a generation. The worker appends them to the job's event log
 * (lib/jobs/event-log.ts); GET /api/jobs/:id/stream sends them to the page as the AI SDK's UI
 * message stream, one typed data part per event (`data-start`, `data-partial`, ...: the
 * GenerationUIMessage below), replaying the log from the start and then following it live.
 */
import type { InferUIMessageChunk, UIMessage } from "ai";
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
      topic: string;
      /** Which run of the job this is: 2 and up after a worker died and the engine retried it. */
      attempt: number;
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
  /**
   * The worker running the job stopped (a crash, a restart) and another run took over: a card still
   * being written is gone; finished cards stay (they are saved), and the new run writes only the rest.
   */
  | { type: "restart"; attempt: number; message: string }
  | { type: "error"; code: string; message: string; retryAfterSeconds?: number }
  | {
      type: "done";
      status: "complete" | "failed" | "cancelled";
      accepted: number;
      saved: number;
      dropped: number;
      message?: string;
    };

/** Each event as a typed data part: `{ type: "data-complete", data: { type: "complete", ... } }`. */
export type GenerationDataTypes = { [E in GenerationEvent as E["type"]]: E };

/** The UI message a generation's stream builds (data parts only: no text, no tools). */
export type GenerationUIMessage = UIMessage<never, GenerationDataTypes>;

/** Where the page reads a job's stream (the AI SDK's reconnect URL: `${api}/${id}/stream`). */
export const GENERATION_STREAM_API = "/api/jobs";

/** An event as its stream chunk: `{ type: "data-<event type>", data: event }`. */
export const toDataChunk = (e: GenerationEvent) => ({ type: `data-${e.type}`, data: e }) as InferUIMessageChunk<GenerationUIMessage>;
