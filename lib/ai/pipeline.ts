/**
 * The generation loop, free of HTTP and database: rounds of model calls until the requested number
 * of questions passed every gate, a bound on attempts is reached, or the caller aborts. The caller
 * saves each passing question (or holds it for preview) in `accept`. Tests drive it with the AI
 * SDK's mock models.
 *
 * The gates, in order (cheap first; each drop is reported with the gate that failed):
 *   0. format: schema, citation, verbatim quote, options, prohibited terms, stem near-duplicates
 *      (validate.ts);
 *   1. item-writing flaws: the deterministic linter (gates/lint.ts);
 *   2. on-topic: the cited passage is one of the passages found to be on the topic (gates/on-topic.ts);
 *   3. duplicates by fact: the same sentence with the same answer, whichever way round (gates/fact.ts);
 *   4. blind solver: an independent solver, not shown the key, must pick the key and no other
 *      option (gates/solver.ts offline, gates/model-solver.ts with a model).
 */
import { optionLetter } from "@/lib/questions/letters";
import type { RetrievedChunk } from "@/lib/rag/types";
import type { CompletedQuestion, GenerationEvent } from "./events";
import { type Fact, FactSet } from "./gates/fact";
import { lintItem } from "./gates/lint";
import { describeModelError } from "./model-errors";
import { type SolverVerdict, solverAgrees } from "./gates/solver";
import { type PromptTemplate, renderPrompt, sourceLabel } from "./prompt";
import type { QuestionWriter } from "./providers";
import { sourceQuality } from "./quality";
import type { QuestionCandidate } from "./schema";
import { type CallOutcome, streamQuestionCall } from "./stream-questions";
import { DROP_REASONS, type DropReason, validateCandidate } from "./validate";

export type AcceptedQuestion = {
  /** The card the page shows it as. */
  cardId: string;
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
  /** Prefixed to every card id, so a rerun's cards never take an earlier attempt's ids. */
  cardPrefix?: string;
  /** A rerun: the questions earlier attempts of the job finished. The model is told to avoid them too. */
  earlier?: readonly { vignette: string; leadIn: string }[];
  prohibitedTerms: readonly string[];
  /** The user's existing questions (stem fingerprints and facts for the duplicate checks); may still be loading. */
  bank: BankIndex | Promise<BankIndex>;
  maxAttemptsPerQuestion: number;
  timeoutMs: number;
  /** Bounds on one call's reply (lib/env.ts: MODEL_MAX_OUTPUT_TOKENS, QUESTION_MAX_CHARS). */
  maxOutputTokens: number;
  maxQuestionChars: number;
  signal: AbortSignal;
  /** Is an item quoting this sentence of this passage about the topic (gates/on-topic.ts)? Unset: no check. */
  onTopic?: (chunk: RetrievedChunk, quote: string) => boolean;
  /** Holds a system-wide model slot for the duration of one call (not used offline). */
  withModelSlot?: <T>(fn: () => Promise<T>) => Promise<T>;
  emit: (e: GenerationEvent) => void;
  /** Saves (or holds for preview) a validated question; returns what the page needs to refer to it. */
  accept: (q: AcceptedQuestion) => Promise<{ questionId?: string; previewToken?: string }>;
  /** Token counts arrive when a call ends: attach them to the questions that call saved. */
  recordUsage?: (questionIds: string[], usage: { inputTokens?: number; outputTokens?: number }) => Promise<void>;
};

export type BankIndex = { fingerprints: Set<string>[]; facts: Fact[] };

export type PipelineResult = {
  status: "complete" | "failed" | "cancelled";
  accepted: number;
  drops: { reason: string; detail?: string }[];
  error?: { code: string; message: string };
  inputTokens: number;
  outputTokens: number;
};

function describeVerdict(v: SolverVerdict, key: number): string {
  if (v.choice === null) return `the solver could not pick an answer from the passage (${v.method})`;
  if (v.choice !== key) return `the solver picked ${optionLetter(v.choice)} from the passage, not the key ${optionLetter(key)}`;
  const others = v.supported.filter((i) => i !== key).map(optionLetter);
  return `the passage also supports ${others.join(", ")} besides the key ${optionLetter(key)}`;
}

/** How the prompt lists a question already written, for the model to avoid. */
const avoidLine = (q: { vignette: string; leadIn: string }) => (q.leadIn.length > 20 ? `${q.vignette.slice(0, 80)}... ${q.leadIn}` : q.vignette.slice(0, 120));

export async function runPipeline(input: PipelineInput): Promise<PipelineResult> {
  const chunkMap = new Map(input.chunks.map((c) => [c.chunkId, c]));
  const seen: Set<string>[] = [];
  const facts = new FactSet();
  let bankLoaded: Promise<void> | undefined;
  const loadBank = () =>
    (bankLoaded ??= Promise.resolve(input.bank).then((b) => {
      seen.unshift(...b.fingerprints);
      for (const f of b.facts) facts.add(f);
    }));
  const drops: PipelineResult["drops"] = [];
  /** Quotes used or rejected in this run: the offline writer moves on to other sentences. */
  const usedQuotes = new Set<string>();
  const avoid: string[] = (input.earlier ?? []).map(avoidLine);
  const distances = input.chunks.map((c) => c.distance);
  let accepted = 0;
  let inputTokens = 0;
  let outputTokens = 0;
  const maxRounds = input.maxAttemptsPerQuestion;

  /** A question dropped as a repeat is named in the next round's prompt too: told nothing, a model writes it again. */
  const avoidRepeat = (raw: unknown) => {
    const q = raw as { vignette?: unknown; leadIn?: unknown } | null;
    if (typeof q?.vignette === "string" && typeof q.leadIn === "string") avoid.push(avoidLine({ vignette: q.vignette, leadIn: q.leadIn }));
  };
  const dropCard = (cardId: string, reason: DropReason, detail?: string) => {
    drops.push({ reason, detail });
    const message = DROP_REASONS[reason];
    input.emit({ type: "drop", cardId, reason, message, detail });
  };

  // The offline writer picks its sentences up front: give it the bank's quotes to pass over. A
  // model's call starts at once instead, and its candidates wait for the bank when they need it.
  if (input.writer.kind === "offline") {
    await loadBank();
    for (const q of await Promise.resolve(input.bank).then((b) => b.facts.map((f) => f.quote))) if (q) usedQuotes.add(q);
  }

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
    const card = (i: number) => `${input.cardPrefix ?? ""}${round}-${i}`;
    const savedThisCall: string[] = [];
    const onCandidate = async (index: number, raw: unknown) => {
      if (accepted >= input.count) return; // a model that writes extra questions: ignore the surplus
      await loadBank();
      const v = validateCandidate(raw, { chunks: chunkMap, prohibitedTerms: input.prohibitedTerms, seen });
      if (!v.ok) {
        if (v.reason === "near_duplicate") avoidRepeat(raw);
        return dropCard(card(index), v.reason, v.detail);
      }
      const q = v.question;
      usedQuotes.add(q.sourceQuote);
      const flaws = lintItem(q);
      if (flaws.length) return dropCard(card(index), "lint", flaws.map((f) => `${f.rule}: ${f.message}`).join(" "));
      if (input.onTopic && !input.onTopic(v.chunk, q.sourceQuote))
        return dropCard(card(index), "off_topic", `cited ${sourceLabel(v.chunk)}${v.chunk.heading ? ` (${v.chunk.heading})` : ""}`);
      const fact = { quote: q.sourceQuote, key: q.options[q.correctIndex]! };
      if (facts.has(fact)) {
        avoidRepeat(q);
        return dropCard(card(index), "duplicate_fact", `"${fact.key}" from the same sentence`);
      }
      let verdict: SolverVerdict;
      try {
        verdict = await input.writer.solve({ vignette: q.vignette, leadIn: q.leadIn, options: q.options, passage: v.chunk.content }, input.signal);
      } catch (e) {
        if (input.signal.aborted) return;
        return dropCard(card(index), "solver", `the solver could not answer (${(e as Error).message?.slice(0, 120) ?? "error"})`);
      }
      if (!solverAgrees(verdict, q.correctIndex)) return dropCard(card(index), "solver", describeVerdict(verdict, q.correctIndex));
      // Stopped while the solver answered (Cancel, or the job handed back to another worker): save nothing more.
      if (input.signal.aborted) return;
      seen.push(v.fingerprint);
      facts.add(fact);
      avoid.push(avoidLine(v.question));
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
        cardId: card(index),
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
          subtopic: v.chunk.heading,
          gates: { lint: "clean", onTopic: input.onTopic ? "checked" : "unchecked", duplicateFact: "new" },
          solver: { method: verdict.method, choice: verdict.choice, supported: verdict.supported, agreed: true },
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
          if (e.type === "partial") {
            if (accepted < input.count) input.emit({ type: "partial", cardId: card(e.index), patch: e.patch });
          } else if (e.type === "candidate") await onCandidate(e.index, e.raw);
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
    if (outcome.status === "unparseable") dropCard(`${input.cardPrefix ?? ""}${round}-x`, "unparseable");
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
