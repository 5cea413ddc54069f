/**
 * One model call, turned into per-question events. The model writes {"questions": [...]}; the AI
 * SDK's partial output shows each question while it is written, and a question is complete the
 * moment the next one begins (or the JSON closes). Each candidate is validated by the caller, so one
 * bad question does not spoil the others; a cut-off stream keeps the questions finished before it.
 */
import type { LanguageModelV3 } from "@ai-sdk/provider";
import { Output, streamText } from "ai";
import { type PartialQuestion, modelOutputSchema } from "./schema";

export type CallEvent =
  | { type: "partial"; index: number; question: PartialQuestion }
  | { type: "candidate"; index: number; raw: unknown }
  | { type: "incomplete"; index: number; raw: unknown };

export type CallOutcome = {
  /** How the call ended: whole JSON, cut short, not JSON at all, the model failed, or aborted. */
  status: "ok" | "truncated" | "unparseable" | "model_error" | "aborted";
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
  onEvent: (e: CallEvent) => void | Promise<void>;
}): Promise<CallOutcome> {
  let modelError: unknown;
  let firstTokenMs: number | undefined;
  const t0 = performance.now();
  const result = streamText({
    model: opts.model,
    system: opts.system,
    prompt: opts.prompt,
    output: Output.object({ schema: modelOutputSchema }),
    abortSignal: AbortSignal.any([opts.abortSignal, AbortSignal.timeout(opts.timeoutMs)]),
    maxRetries: 0, // a retry would double the student's wait; the round loop decides instead
    temperature: 0.7,
    onError: ({ error }) => {
      modelError = error;
    },
    onChunk: ({ chunk }) => {
      if (firstTokenMs === undefined && chunk.type === "text-delta") firstTokenMs = performance.now() - t0;
    },
  });

  let emitted = 0;
  let lastPartial = "";
  try {
    for await (const partial of result.partialOutputStream) {
      const list = (partial as { questions?: unknown[] } | undefined)?.questions;
      if (!Array.isArray(list)) continue;
      while (list.length - 1 > emitted) await opts.onEvent({ type: "candidate", index: emitted, raw: list[emitted++] });
      const current = list[list.length - 1] as PartialQuestion | undefined;
      const key = JSON.stringify(current ?? null);
      if (current && list.length - 1 === emitted && key !== lastPartial) {
        lastPartial = key;
        await opts.onEvent({ type: "partial", index: emitted, question: current });
      }
    }
  } catch (e) {
    modelError ??= e;
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
  if (lastPartial && lastPartial !== "null") await opts.onEvent({ type: "incomplete", index: emitted, raw: JSON.parse(lastPartial) });
  if (aborted) return { status: "aborted", ...base, candidates: emitted };
  if (modelError) return { status: "model_error", error: modelError, ...base, candidates: emitted };
  return { status: emitted > 0 || lastPartial ? "truncated" : "unparseable", ...base, candidates: emitted };
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
