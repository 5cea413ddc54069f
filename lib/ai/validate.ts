/**
 * The checks every candidate passes before it is shown as complete or saved. Pure: the caller
 * supplies the passages retrieved for this request (already filtered to the user), the prohibited
 * terms, and the questions to compare against for near-duplicates.
 */
import type { RetrievedChunk } from "@/lib/rag/types";
import { type QuestionCandidate, questionCandidateSchema } from "./schema";
import { jaccard, normaliseForMatch, tokenSet } from "./text";

export const DROP_REASONS = {
  schema: "The question was missing parts or malformed.",
  incomplete: "The model stopped before finishing this question.",
  too_long: "The model's reply for this question grew past the size limit, so it was stopped.",
  unknown_source: "It cited a passage that was not retrieved for this request.",
  quote_not_in_source: "Its supporting quote does not appear in the cited passage.",
  quote_too_short: "Its supporting quote is too short to support the answer.",
  duplicate_options: "Two of its options were the same.",
  index_out_of_range: "Its answer key pointed outside the options.",
  banned_option: 'It used "all of the above" or "none of the above".',
  prohibited_term: "It contained a prohibited term.",
  near_duplicate: "It was nearly the same as a question you already have.",
  unparseable: "The model's output could not be read as questions.",
  lint: "It failed the item-writing check.",
  off_topic: "Its passage is not about the requested topic.",
  duplicate_fact: "It tested the same fact as a question you already have.",
  solver: "An independent solver, not shown the answer, did not arrive at the key from the passage alone.",
} as const;
export type DropReason = keyof typeof DROP_REASONS;

/** Vignette + lead-in token sets this similar (Jaccard) or more count as the same question. */
export const NEAR_DUPLICATE_THRESHOLD = 0.8;
const MIN_QUOTE_WORDS = 4;

export type ValidationContext = {
  chunks: ReadonlyMap<string, RetrievedChunk>;
  prohibitedTerms: readonly string[];
  /** Token sets of the user's bank and of questions accepted earlier in this stream. */
  seen: Set<string>[];
};

export type Validated =
  | { ok: true; question: QuestionCandidate; chunk: RetrievedChunk; fingerprint: Set<string> }
  | { ok: false; reason: DropReason; detail: string };

const drop = (reason: DropReason, detail: string): Validated => ({ ok: false, reason, detail });

export const questionFingerprint = (q: { vignette: string; leadIn: string }) => tokenSet(`${q.vignette} ${q.leadIn}`);

function containsTerm(haystack: string, term: string): boolean {
  const t = normaliseForMatch(term);
  if (!t) return false;
  return ` ${normaliseForMatch(haystack)} `.includes(` ${t} `);
}

export function validateCandidate(raw: unknown, ctx: ValidationContext): Validated {
  const parsed = questionCandidateSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return drop("schema", `${issue?.path.join(".") || "question"}: ${issue?.message ?? "invalid"}`);
  }
  const q = parsed.data;

  if (q.correctIndex < 0 || q.correctIndex >= q.options.length)
    return drop("index_out_of_range", `answer index ${q.correctIndex} with ${q.options.length} options`);

  const normalisedOptions = q.options.map(normaliseForMatch);
  if (new Set(normalisedOptions).size !== normalisedOptions.length)
    return drop("duplicate_options", q.options.join(" | "));
  if (normalisedOptions.some((o) => /\b(all|none|both) of the (above|options)\b/.test(o)))
    return drop("banned_option", q.options.join(" | "));

  const chunk = ctx.chunks.get(q.sourceChunkId);
  if (!chunk) return drop("unknown_source", `cited ${q.sourceChunkId.slice(0, 60)}`);

  const quote = normaliseForMatch(q.sourceQuote);
  if (quote.split(" ").length < MIN_QUOTE_WORDS) return drop("quote_too_short", q.sourceQuote.slice(0, 200));
  if (!normaliseForMatch(chunk.content).includes(quote)) return drop("quote_not_in_source", q.sourceQuote.slice(0, 200));

  const allText = [q.vignette, q.leadIn, q.explanation, q.topic, ...q.options, ...q.optionExplanations, ...q.tags].join("\n");
  const term = ctx.prohibitedTerms.find((t) => containsTerm(allText, t));
  if (term) return drop("prohibited_term", term);

  const fingerprint = questionFingerprint(q);
  const best = ctx.seen.reduce((m, s) => Math.max(m, jaccard(fingerprint, s)), 0);
  if (best >= NEAR_DUPLICATE_THRESHOLD) return drop("near_duplicate", `similarity ${best.toFixed(2)}`);

  return { ok: true, question: q, chunk, fingerprint };
}
