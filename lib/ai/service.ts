/**
 * Question generation as a service, in two halves that may run in different processes:
 *
 * - `planGeneration` (the web process, inside the startGeneration action or POST /api/generate):
 *   the daily quota, retrieval of the passages (Chroma and full text) and the on-topic gate, the
 *   prompt template. It fails fast with an AppError before any job exists.
 * - `runGeneration` (a worker, lib/ai/generate-job.ts): the model calls and the gates for one job
 *   claimed from the queue, from the context the plan stored on the job. It emits events as it goes
 *   and always returns how the run ended. A rerun after a crash writes only what is still missing.
 */
import "server-only";
import {
  activeTemplates,
  addJobCard,
  addUsageToQuestions,
  bankStems,
  generatedSince,
  passagesOfMaterials,
  savedByJob,
} from "@/db/queries/generation";
import { saveQuestion } from "@/lib/bank/save-question";
import { getEnv } from "@/lib/env";
import { AppError, isAppError } from "@/lib/errors";
import type { RetrievalResult, RetrieveOptions } from "@/lib/rag/types";
import { formatWait } from "@/lib/ratelimit";
import { withModelSlot } from "@/lib/ratelimit/generation";
import type { GenerationEvent, PassageInfo } from "./events";
import { MIN_TOPIC_PASSAGES, tooLittleMaterial, topicGate } from "./gates/on-topic";
import { type AcceptedQuestion, type PipelineResult, runPipeline } from "./pipeline";
import { QUESTION_TEMPLATE_NAME, type PromptTemplate, chooseTemplate, sourceLabel } from "./prompt";
import type { QuestionWriter } from "./providers";
import { signPreview } from "./preview-token";
import type { GenerateRequest } from "./request";
import { questionFingerprint } from "./validate";

export type Retrieve = (userId: string, topic: string, options: RetrieveOptions) => Promise<RetrievalResult>;

/** What a job carries from the plan to the worker (stored on the job as `context`). */
export type GenerationContext = {
  /** Every passage retrieved for the topic (the worker applies the on-topic gate to them again). */
  retrieval: RetrievalResult;
  template: PromptTemplate;
};

export type GenerationPlan = {
  request: GenerateRequest;
  context: GenerationContext;
  /** The passages on the topic, as the page lists them. */
  passages: PassageInfo[];
  notice?: string;
};

const DAY_MS = 24 * 3600 * 1000;
const OFFLINE_DISTRACTOR_PASSAGES = 150;

/** Refuses a request for more questions than are left of today's quota. */
export async function checkDailyQuota(userId: string, count: number): Promise<void> {
  const env = getEnv();
  const today = await generatedSince(userId, new Date(Date.now() - DAY_MS));
  const left = env.QUESTIONS_PER_USER_PER_DAY - today.count;
  if (left >= count) return;
  const retryAfterSeconds = today.oldest ? Math.max(60, Math.ceil((today.oldest.getTime() + DAY_MS - Date.now()) / 1000)) : 3600;
  throw new AppError(
    "rate_limited",
    left <= 0
      ? `You have reached today's limit of ${env.QUESTIONS_PER_USER_PER_DAY} questions. Try again in ${formatWait(retryAfterSeconds)}.`
      : `Only ${left} more question${left === 1 ? "" : "s"} fit in today's limit of ${env.QUESTIONS_PER_USER_PER_DAY}: ask for ${left} or fewer, or try again in ${formatWait(retryAfterSeconds)}.`,
    { retryAfterSeconds },
  );
}

/** Retrieval, the on-topic gate and the template for one topic; refuses a topic the material does not cover. */
export async function planGeneration(
  userId: string,
  request: GenerateRequest,
  opts: { retrieve: Retrieve; writer: Pick<QuestionWriter, "kind"> },
): Promise<GenerationPlan> {
  const env = getEnv();
  // Retrieval is the slow read on the path to the first card; the templates come alongside it.
  const [retrieval, templates] = await Promise.all([
    opts.retrieve(userId, request.topic, {
      materialIds: request.materialIds.length ? request.materialIds : undefined,
      // The offline generator draws its distractors from the passages, so it reads a wider set.
      limit: opts.writer.kind === "offline" ? Math.max(env.RETRIEVAL_TOP_K, 16) : env.RETRIEVAL_TOP_K,
    }),
    activeTemplates(QUESTION_TEMPLATE_NAME),
  ]);
  // Gate 2 before anything is generated: only passages on the topic go to the writer, and too few
  // of them is said plainly instead of filing unrelated questions under the typed topic.
  const gate = topicGate(request.topic, retrieval.chunks, retrieval.embedder);
  if (gate.passages.length < MIN_TOPIC_PASSAGES)
    throw new AppError("bad_input", tooLittleMaterial(request.topic, gate.passages.length, request.materialIds.length > 0));
  if (templates.length === 0) throw new AppError("internal", "No active prompt template is configured.");
  return {
    request,
    context: { retrieval, template: chooseTemplate(templates) },
    passages: passageInfo(gate.passages),
    notice: retrieval.notice,
  };
}

export function passageInfo(chunks: RetrievalResult["chunks"]): PassageInfo[] {
  return chunks.map((c) => ({
    chunkId: c.chunkId,
    materialId: c.materialId,
    source: sourceLabel(c),
    heading: c.heading,
    excerpt: c.content.replace(/\s+/g, " ").slice(0, 220),
    distance: c.distance,
  }));
}

/** A job as its worker runs it. */
export type GenerationRun = {
  jobId: string;
  userId: string;
  request: GenerateRequest;
  context: GenerationContext;
  /** 1 for the first run; more after a worker died and the engine retried the job. */
  attempt: number;
  /** Cards an earlier attempt already finished. */
  cardsSoFar: number;
  /**
   * How long one model call may wait for a slot of the system-wide cap. A job waits as long as it
   * may run (a queued job is not refused for a busy moment); the page's old direct path waited
   * MODEL_SLOT_WAIT_SECONDS.
   */
  slotWaitSeconds?: number;
  /** Their questions (a rerun asks the model for others). */
  earlier?: readonly { vignette: string; leadIn: string }[];
  writer: QuestionWriter;
};

export type RunOutcome = {
  status: "complete" | "failed" | "cancelled";
  accepted: number;
  saved: number;
  drops: PipelineResult["drops"];
  error: string | null;
};

/**
 * Writes the job's questions: saves each one that passes every gate (a preview run signs it and
 * keeps it on the job instead), and emits every event. Never throws: a failure is the outcome.
 */
export async function runGeneration(run: GenerationRun, signal: AbortSignal, emit: (e: GenerationEvent) => void): Promise<RunOutcome> {
  const env = getEnv();
  const { request, userId, jobId, context, writer } = run;
  // A rerun writes only what the earlier attempts did not: saved questions count from the bank
  // (a crash may come between a save and its card), previews from the job's cards.
  const done = request.preview ? run.cardsSoFar : await savedByJob(jobId);
  const count = Math.max(0, request.count - done);
  const gate = topicGate(request.topic, context.retrieval.chunks, context.retrieval.embedder);
  emit({
    type: "start",
    jobId,
    topic: request.topic,
    attempt: run.attempt,
    preview: request.preview,
    requested: request.count,
    generator: { kind: writer.kind, label: writer.label },
    passages: passageInfo(gate.passages),
    notice: context.retrieval.notice,
  });
  if (run.attempt > 1)
    emit({ type: "restart", attempt: run.attempt, message: "The generation was interrupted on our side and picked up again: it writes the rest now." });
  // Saved questions count as saved; a preview's cards wait for the student (accepting one saves it).
  const savedBefore = request.preview ? 0 : done;
  if (count === 0) return { status: "complete", accepted: done, saved: savedBefore, drops: [], error: null };
  // Progress counts the whole job, not only this attempt.
  const emitJob = (e: GenerationEvent) =>
    emit(e.type === "progress" ? { ...e, accepted: e.accepted + done, requested: request.count } : e);

  // The bank is needed only when the first candidate is validated: read it while the model starts.
  const bank = bankStems(userId).then((rows) => ({
    fingerprints: rows.map(questionFingerprint),
    facts: rows.map((r) => ({ quote: r.sourceQuote ?? "", key: r.options[r.correctIndex] ?? "" })),
  }));
  bank.catch(() => {}); // awaited (and reported) by the pipeline
  let saved = 0;
  let outcome: PipelineResult | undefined;
  let failure: string | undefined;
  try {
    // The offline generator takes distractors from the rest of the same material (a model brings its own).
    const distractorChunks =
      writer.kind === "offline"
        ? await passagesOfMaterials(userId, [...new Set(context.retrieval.chunks.map((c) => c.materialId))], OFFLINE_DISTRACTOR_PASSAGES)
        : undefined;
    const template = context.template;
    outcome = await runPipeline({
      writer,
      chunks: gate.passages,
      onTopic: gate.item,
      distractorChunks,
      template,
      topic: request.topic,
      difficulty: request.difficulty,
      level: request.level,
      count,
      cardPrefix: run.attempt > 1 ? `a${run.attempt}-` : "",
      earlier: run.earlier,
      prohibitedTerms: env.PROHIBITED_TERMS,
      bank,
      maxAttemptsPerQuestion: env.GENERATION_MAX_ATTEMPTS_PER_QUESTION,
      timeoutMs: env.MODEL_TIMEOUT_SECONDS * 1000,
      maxOutputTokens: env.MODEL_MAX_OUTPUT_TOKENS,
      maxQuestionChars: env.QUESTION_MAX_CHARS,
      signal,
      withModelSlot: (fn) => withModelSlot(fn, { signal, waitSeconds: run.slotWaitSeconds }),
      emit: emitJob,
      accept: async (a: AcceptedQuestion) => {
        const metadata = { ...a.metadata, retrievalMode: context.retrieval.mode, embedder: context.retrieval.embedder };
        if (request.preview) {
          const previewToken = signPreview({
            userId,
            jobId,
            difficulty: request.difficulty,
            question: a.completed,
            metadata,
            templateId: template.id,
            templateVersion: template.version,
          });
          await addJobCard(jobId, { cardId: a.cardId, question: a.completed, previewToken });
          return { previewToken };
        }
        const questionId = await saveQuestion(a.question, {
          userId,
          jobId,
          materialId: a.chunk.materialId,
          sourceChunkId: a.chunk.chunkId,
          difficulty: request.difficulty,
          metadata,
          templateId: template.id,
          templateVersion: template.version,
          qualityScore: a.completed.sourceQuality,
        });
        saved++;
        await addJobCard(jobId, { cardId: a.cardId, question: a.completed, questionId });
        return { questionId };
      },
      recordUsage: (ids, usage) => addUsageToQuestions(userId, ids, usage),
    });
    if (outcome.error) emit({ type: "error", code: outcome.error.code, message: outcome.error.message });
  } catch (e) {
    // Stopped (Cancel, the deadline, the worker stopping) while waiting, e.g. for a model slot: not a failure.
    if (!signal.aborted) {
      const shape = isAppError(e) ? e.toShape() : null;
      if (!shape) console.error("[generate]", e);
      failure = shape?.message ?? "Something went wrong on our side while generating.";
      emit({ type: "error", code: shape?.code ?? "internal", message: failure, retryAfterSeconds: shape?.retryAfterSeconds });
    }
  }
  const accepted = done + (outcome?.accepted ?? saved);
  const status = signal.aborted ? "cancelled" : failure ? (accepted > 0 ? "complete" : "failed") : (outcome?.status ?? "failed");
  const reason = signal.reason instanceof Error ? signal.reason.message : typeof signal.reason === "string" ? signal.reason : null;
  const error = status === "cancelled" ? (reason ?? CANCELLED) : (failure ?? outcome?.error?.message ?? null);
  return { status, accepted, saved: savedBefore + saved, drops: outcome?.drops ?? [], error };
}

export const CANCELLED = "Stopped before finishing: cancelled by the student.";
