/**
 * One model call, turned into per-question events. The model writes {"questions": [...]}; the AI
 * SDK's partial output shows each question while it is written, and a question is complete the
 * moment the next one begins (or the JSON closes). Each candidate is validated by the caller, so one
 * bad question does not spoil the others; a cut-off stream keeps the questions finished before it.
 */
import type { LanguageModelV3 } from "@ai-sdk/provider";
import { Output, streamText } from "ai";
import { type PatchOp, type StreamedQuestion, diffStreamed, oversize, streamedPart } from "./partial";
import { type PartialQuestion, modelOutputSchema } from "./schema";

export type CallEvent =
  /** What changed in the visible part of the question being written (never its key). */
  | { type: "partial"; index: number; patch: PatchOp[] }
  | { type: "candidate"; index: number; raw: unknown }
  | { type: "incomplete"; index: number; raw: unknown }
  /** The question being written grew past a bound: the call was stopped. */
  | { type: "too_long"; index: number; detail: string };

/** At most one partial update per card in this interval (a fast model's every token is not a render). */
export const PARTIAL_INTERVAL_MS = 50;

export type CallOutcome = {
  /** How the call ended: whole JSON, cut short, not JSON at all, the model failed, aborted, or stopped for size. */
  status: "ok" | "truncated" | "unparseable" | "model_error" | "aborted" | "too_long";
  error?: unknown;
  inputTokens?: number;
  outputTokens?: number;
  finishReason?: string;
  /** ms from the call to its first text (the model's own time to first token). */
  firstTokenMs?: number;
  candidates: number;
};

export async function streamQuestionCall(opts: {
  model: LanguageModelV3;
  system?: string;
  prompt: string;
  abortSignal: AbortSignal;
  timeoutMs: number;
  /** The provider's output cap (max_tokens). */
  maxOutputTokens: number;
  /** One question's JSON may not grow past this; the whole reply not past (expected questions + 1) times it. */
  maxQuestionChars: number;
  /** How many questions the prompt asked for (bounds the whole reply). */
  expectedQuestions: number;
  onEvent: (e: CallEvent) => void | Promise<void>;
}): Promise<CallOutcome> {
  let modelError: unknown;
  let firstTokenMs: number | undefined;
  const t0 = performance.now();
  // Our own stop, for a reply that outgrows its bounds (the provider's cap is a token count and a
  // misbehaving server may ignore it): the call is aborted and the question being written dropped.
  const sizeStop = new AbortController();
  let tooLong: string | undefined;
  const stopForSize = (detail: string) => {
    tooLong ??= detail;
    sizeStop.abort(new DOMException(detail, "AbortError"));
  };
  const maxReplyChars = (opts.expectedQuestions + 1) * opts.maxQuestionChars;
  let replyChars = 0;
  const result = streamText({
    model: opts.model,
    system: opts.system,
    prompt: opts.prompt,
    output: Output.object({ schema: modelOutputSchema }),
    abortSignal: AbortSignal.any([opts.abortSignal, sizeStop.signal, AbortSignal.timeout(opts.timeoutMs)]),
    maxOutputTokens: opts.maxOutputTokens,
    maxRetries: 0, // a retry would double the student's wait; the round loop decides instead
    temperature: 0.7,
    onError: ({ error }) => {
      modelError = error;
    },
    onChunk: ({ chunk }) => {
      if (chunk.type !== "text-delta") return;
      firstTokenMs ??= performance.now() - t0;
      replyChars += chunk.text.length;
      if (replyChars > maxReplyChars) stopForSize(`the reply ran past ${maxReplyChars.toLocaleString("en-US")} characters`);
    },
  });

  let emitted = 0;
  let current: PartialQuestion | undefined;
  let sent: StreamedQuestion = {};
  let sentAt = -Infinity;
  try {
    for await (const partial of result.partialOutputStream) {
      if (tooLong) break;
      const list = (partial as { questions?: unknown[] } | undefined)?.questions;
      if (!Array.isArray(list)) continue;
      while (list.length - 1 > emitted) {
        await opts.onEvent({ type: "candidate", index: emitted, raw: list[emitted++] });
        current = undefined;
        sent = {};
        sentAt = -Infinity;
      }
      current = list.length - 1 === emitted ? (list[emitted] as PartialQuestion | undefined) : undefined;
      if (!current || typeof current !== "object") continue;
      const problem = oversize(current, opts.maxQuestionChars);
      if (problem) {
        stopForSize(problem);
        break;
      }
      const now = performance.now();
      if (now - sentAt < PARTIAL_INTERVAL_MS) continue;
      const next = streamedPart(current);
      const patch = diffStreamed(sent, next);
      if (patch.length === 0) continue;
      sent = next;
      sentAt = now;
      await opts.onEvent({ type: "partial", index: emitted, patch });
    }
  } catch (e) {
    if (!tooLong) modelError ??= e;
  }

  if (tooLong) {
    if (!sizeStop.signal.aborted) sizeStop.abort();
    await opts.onEvent({ type: "too_long", index: emitted, detail: tooLong });
    return { status: "too_long", firstTokenMs, candidates: emitted };
  }

  const aborted = opts.abortSignal.aborted;
  let text = "";
  let usage: { inputTokens?: number; outputTokens?: number } = {};
  let finishReason: string | undefined;
  if (!modelError && !aborted) {
    try {
      [text, usage, finishReason] = await Promise.all([result.text, result.usage, result.finishReason]);
    } catch (e) {
      modelError = e;
    }
  }
  const base = { inputTokens: usage.inputTokens, outputTokens: usage.outputTokens, finishReason, firstTokenMs };

  // The JSON closed: every remaining element is a finished candidate.
  const final = parseJson(text);
  if (!modelError && !aborted && final) {
    const list = Array.isArray(final.questions) ? final.questions : [];
    while (emitted < list.length) await opts.onEvent({ type: "candidate", index: emitted, raw: list[emitted++] });
    return { status: "ok", ...base, candidates: emitted };
  }

  // Cut off (abort, error, or truncated text): the question being written is incomplete.
  if (current) await opts.onEvent({ type: "incomplete", index: emitted, raw: current });
  if (aborted) return { status: "aborted", ...base, candidates: emitted };
  if (modelError) return { status: "model_error", error: modelError, ...base, candidates: emitted };
  return { status: emitted > 0 || current ? "truncated" : "unparseable", ...base, candidates: emitted };
}

function parseJson(text: string): { questions?: unknown } | null {
  if (!text.trim()) return null;
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === "object" ? (v as { questions?: unknown }) : null;
  } catch {
    return null;
  }
}
