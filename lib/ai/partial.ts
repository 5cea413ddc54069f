/**
 * A question while it is written, as the page sees it, and the bounds it must stay within.
 *
 * Only the stem and the options travel while a card fills in: the key and the explanations arrive
 * with the complete question, so a streaming card never gives its answer away. Each update carries
 * only what changed since the last one (`diffStreamed`), mostly text appended to one field, so the
 * bytes sent to the browser grow with the length of the output, not with its square.
 */
import { FIELD_MAX, MAX_OPTIONS } from "./limits";
import type { PartialQuestion } from "./schema";

export type StreamedQuestion = { vignette?: string; leadIn?: string; options?: string[] };

/** One change: text appended to a field (or to option `i`), or the field replaced when it did not just grow. */
export type PatchOp = { f: "vignette" | "leadIn" | "options"; i?: number; append?: string; set?: string };

/** What of a partial question the page may show while it is written. */
export function streamedPart(q: PartialQuestion): StreamedQuestion {
  const out: StreamedQuestion = {};
  if (typeof q.vignette === "string") out.vignette = q.vignette;
  if (typeof q.leadIn === "string") out.leadIn = q.leadIn;
  if (Array.isArray(q.options)) out.options = q.options.slice(0, MAX_OPTIONS + 1).map((o) => (typeof o === "string" ? o : ""));
  return out;
}

function diffText(f: PatchOp["f"], prev: string | undefined, next: string | undefined, i?: number): PatchOp | null {
  if (next === undefined || next === prev) return null;
  const at = i === undefined ? {} : { i };
  if (prev !== undefined && next.startsWith(prev)) return { f, ...at, append: next.slice(prev.length) };
  return { f, ...at, set: next };
}

/** The ops that turn `prev` into `next` (empty when nothing visible changed). */
export function diffStreamed(prev: StreamedQuestion, next: StreamedQuestion): PatchOp[] {
  const ops: PatchOp[] = [];
  const push = (op: PatchOp | null) => op && ops.push(op);
  push(diffText("vignette", prev.vignette, next.vignette));
  push(diffText("leadIn", prev.leadIn, next.leadIn));
  next.options?.forEach((o, i) => push(diffText("options", prev.options?.[i], o, i)));
  return ops;
}

export function applyPatch(q: StreamedQuestion, ops: readonly PatchOp[]): StreamedQuestion {
  const out: StreamedQuestion = { ...q, options: q.options ? [...q.options] : undefined };
  for (const op of ops) {
    if (op.f === "options") {
      if (op.i === undefined || op.i < 0 || op.i > MAX_OPTIONS) continue;
      const options = (out.options ??= []);
      while (options.length <= op.i) options.push("");
      options[op.i] = op.set ?? options[op.i]! + (op.append ?? "");
    } else out[op.f] = op.set ?? (out[op.f] ?? "") + (op.append ?? "");
  }
  return out;
}

/**
 * Per-field bounds while a question streams: the strict schema's limits (lib/ai/schema.ts) with a
 * little slack for whitespace the schema trims. A field past its bound will fail validation
 * anyway, so the call is stopped at once instead of reading the rest of an unbounded reply.
 */
const FIELD_LIMITS = {
  vignette: FIELD_MAX.vignette,
  leadIn: FIELD_MAX.leadIn,
  explanation: FIELD_MAX.explanation,
  topic: FIELD_MAX.topic,
  sourceChunkId: 200,
  sourceQuote: FIELD_MAX.sourceQuote,
} as const;
const OPTION_LIMIT = FIELD_MAX.option;
const OPTION_EXPLANATION_LIMIT = FIELD_MAX.optionExplanation;
const SLACK = 64;

const size = (v: unknown): number =>
  typeof v === "string" ? v.length : Array.isArray(v) ? v.reduce<number>((n, x) => n + size(x) + 3, 2) : v == null ? 0 : String(v).length;

/** Why a question being written is already too long to ever pass, or null. */
export function oversize(q: PartialQuestion, maxQuestionChars: number): string | null {
  for (const [field, limit] of Object.entries(FIELD_LIMITS)) {
    const v = q[field as keyof typeof FIELD_LIMITS];
    if (typeof v === "string" && v.length > limit + SLACK) return `${field} ran past ${limit.toLocaleString("en-US")} characters`;
  }
  const list = (name: string, items: unknown, limit: number, maxItems: number) => {
    if (!Array.isArray(items)) return null;
    if (items.length > maxItems) return `${name} had more than ${maxItems} entries`;
    const i = items.findIndex((x) => typeof x === "string" && x.length > limit + SLACK);
    return i >= 0 ? `${name} ${i + 1} ran past ${limit.toLocaleString("en-US")} characters` : null;
  };
  const listProblem =
    list("option", q.options, OPTION_LIMIT, MAX_OPTIONS + 1) ??
    list("option explanation", q.optionExplanations, OPTION_EXPLANATION_LIMIT, MAX_OPTIONS + 1) ??
    list("tag", q.tags, FIELD_MAX.tag + SLACK, 16);
  if (listProblem) return listProblem;
  const total = Object.values(q).reduce<number>((n, v) => n + size(v), 0);
  return total > maxQuestionChars ? `the question ran past ${maxQuestionChars.toLocaleString("en-US")} characters` : null;
}
