/**
 * The generation loop, free of HTTP and database: rounds of model calls until the requested number
 * of questions passed validation, a bound on attempts is reached, or the caller aborts. Every
 * candidate is validated before it is reported complete; the caller saves it (or holds it for
 * preview) in `accept`. Tests drive it with the AI SDK's mock models.
 */
import type { RetrievedChunk } from "@/lib/rag/types";
import type { CompletedQuestion, GenerationEvent } from "./events";
import { type PromptTemplate, renderPrompt, sourceLabel } from "./prompt";
import type { QuestionWriter } from "./providers";
import { sourceQuality } from "./quality";
import type { QuestionCandidate } from "./schema";
import { type CallOutcome, streamQuestionCall } from "./stream-questions";
import { DROP_REASONS, type DropReason, validateCandidate } from "./validate";

export type AcceptedQuestion = {
  question: QuestionCandidate;
  chunk: RetrievedChunk;
  completed: CompletedQuestion;
  metadata: Record<string, unknown>;
};

export type PipelineInput = {
  writer: QuestionWriter;
  chunks: readonly RetrievedChunk[];
  /** Offline generator only: more of the student's material to draw distractors from. */
  distractorChunks?: readonly Pick<RetrievedChunk, "chunkId" | "content">[];
  template: PromptTemplate;
  topic: string;
  difficulty: number;
  level: number;
  count: number;
  prohibitedTerms: readonly string[];
  /** Fingerprints of the user's existing questions (near-duplicate check); may still be loading. */
  bank: Set<string>[] | Promise<Set<string>[]>;
  maxAttemptsPerQuestion: number;
  timeoutMs: number;
  /** Bounds on one call's reply (lib/env.ts: MODEL_MAX_OUTPUT_TOKENS, QUESTION_MAX_CHARS). */
  maxOutputTokens: number;
  maxQuestionChars: number;
  signal: AbortSignal;
  /** Holds a system-wide model slot for the duration of one call (not used offline). */
  withModelSlot?: <T>(fn: () => Promise<T>) => Promise<T>;
  emit: (e: GenerationEvent) => void;
  /** Saves (or holds for preview) a validated question; returns what the page needs to refer to it. */
  accept: (q: AcceptedQuestion) => Promise<{ questionId?: string; previewToken?: string }>;
  /** Token counts arrive when a call ends: attach them to the questions that call saved. */
  recordUsage?: (questionIds: string[], usage: { inputTokens?: number; outputTokens?: number }) => Promise<void>;
};

export type PipelineResult = {
  status: "complete" | "failed" | "cancelled";
  accepted: number;
  drops: { reason: string; detail?: string }[];
  error?: { code: string; message: string };
  inputTokens: number;
  outputTokens: number;
};

export function describeModelError(e: unknown): string {
  const msg = e instanceof Error ? `${e.name} ${e.message}` : String(e);
  if (/ECONNREFUSED|ENOTFOUND|fetch failed|Cannot connect|ETIMEDOUT|TimeoutError|timed out/i.test(msg))
    return "The question model is unreachable right now. Please try again in a minute.";
  if (/401|403|api key|Unauthorized/i.test(msg)) return "The question model refused our credentials; tell the administrator.";
  if (/429|rate limit|quota/i.test(msg)) return "The question model is over its own rate limit. Please try again shortly.";
  return "The question model failed while writing. Please try again.";
}

export async function runPipeline(input: PipelineInput): Promise<PipelineResult> {
  const chunkMap = new Map(input.chunks.map((c) => [c.chunkId, c]));
  const seen: Set<string>[] = [];
  let bankLoaded: Promise<void> | undefined;
  const loadBank = () => (bankLoaded ??= Promise.resolve(input.bank).then((b) => void seen.unshift(...b)));
  const drops: PipelineResult["drops"] = [];
  const usedQuotes = new Set<string>();
  const avoid: string[] = [];
  const distances = input.chunks.map((c) => c.distance);
  let accepted = 0;
  let inputTokens = 0;
  let outputTokens = 0;
  const maxRounds = input.maxAttemptsPerQuestion;

  const dropCard = (cardId: string, reason: DropReason | "unparseable", detail?: string) => {
    drops.push({ reason, detail });
    const message = reason === "unparseable" ? "The model's output could not be read as questions." : DROP_REASONS[reason];
    input.emit({ type: "drop", cardId, reason, message, detail });
  };

  for (let round = 1; round <= maxRounds && accepted < input.count; round++) {
    if (input.signal.aborted) break;
    const need = input.count - accepted;
    const { system, prompt } = renderPrompt(input.template.template, input.chunks, {
      topic: input.topic,
      difficulty: input.difficulty,
      level: input.level,
      count: need,
      avoid,
    });
    const model = input.writer.model(input.chunks, {
      topic: input.topic,
      difficulty: input.difficulty,
      count: need,
      positionOffset: accepted + drops.length,
      usedQuotes,
      distractorChunks: input.distractorChunks,
    });
    const callStart = performance.now();
    const card = (i: number) => `${round}-${i}`;
    const savedThisCall: string[] = [];
    const onCandidate = async (index: number, raw: unknown) => {
      if (accepted >= input.count) return; // a model that writes extra questions: ignore the surplus
      await loadBank();
      const v = validateCandidate(raw, { chunks: chunkMap, prohibitedTerms: input.prohibitedTerms, seen });
      if (!v.ok) return dropCard(card(index), v.reason, v.detail);
      seen.push(v.fingerprint);
      usedQuotes.add(v.question.sourceQuote);
      avoid.push(v.question.leadIn.length > 20 ? `${v.question.vignette.slice(0, 80)}... ${v.question.leadIn}` : v.question.vignette.slice(0, 120));
      const quality = sourceQuality(v.chunk, input.chunks);
      const completed: CompletedQuestion = {
        ...v.question,
        source: {
          materialId: v.chunk.materialId,
          materialTitle: v.chunk.materialTitle,
          label: sourceLabel(v.chunk),
          heading: v.chunk.heading,
        },
        sourceQuality: quality,
      };
      accepted++;
      const refs = await input.accept({
        question: v.question,
        chunk: v.chunk,
        completed,
        metadata: {
          model: input.writer.modelId,
          generator: input.writer.kind,
          templateName: input.template.name,
          templateVersion: input.template.version,
          chunkDistances: distances,
          citedChunkDistance: v.chunk.distance,
          sourceQuality: quality,
          latencyMs: Math.round(performance.now() - callStart),
          attempt: round,
        },
      });
      if (refs.questionId) savedThisCall.push(refs.questionId);
      input.emit({ type: "complete", cardId: card(index), question: completed, ...refs });
      input.emit({ type: "progress", accepted, requested: input.count, dropped: drops.length, round });
    };

    const call = () =>
      streamQuestionCall({
        model,
        system,
        prompt,
        abortSignal: input.signal,
        timeoutMs: input.timeoutMs,
        maxOutputTokens: input.maxOutputTokens,
        maxQuestionChars: input.maxQuestionChars,
        expectedQuestions: need,
        onEvent: async (e) => {
          if (e.type === "partial") input.emit({ type: "partial", cardId: card(e.index), patch: e.patch });
          else if (e.type === "candidate") await onCandidate(e.index, e.raw);
          else if (e.type === "too_long") dropCard(card(e.index), "too_long", e.detail);
          else dropCard(card(e.index), "incomplete");
        },
      });
    const outcome: CallOutcome = input.writer.kind === "llm" && input.withModelSlot ? await input.withModelSlot(call) : await call();
    inputTokens += outcome.inputTokens ?? 0;
    outputTokens += outcome.outputTokens ?? 0;
    if (input.recordUsage && savedThisCall.length && (outcome.inputTokens || outcome.outputTokens))
      await input.recordUsage(savedThisCall, { inputTokens: outcome.inputTokens, outputTokens: outcome.outputTokens });

    if (outcome.status === "aborted" || input.signal.aborted) break;
    if (outcome.status === "model_error") {
      const message = describeModelError(outcome.error);
      return finish(accepted > 0 ? "complete" : "failed", { code: "model_error", message });
    }
    if (outcome.status === "unparseable") dropCard(`${round}-x`, "unparseable");
    if (outcome.candidates === 0 && input.writer.kind === "offline") break; // no more pairs to write from
  }

  if (input.signal.aborted) return finish("cancelled");
  if (accepted === 0) {
    const message =
      input.writer.kind === "offline"
        ? "The passages found for this topic do not define enough terms for offline questions. Try a broader topic or more material."
        : "No question passed the checks. Please try again or change the topic.";
    return finish("failed", { code: "model_error", message });
  }
  return finish("complete");

  function finish(status: PipelineResult["status"], error?: PipelineResult["error"]): PipelineResult {
    return { status, accepted, drops, error, inputTokens, outputTokens };
  }
}
