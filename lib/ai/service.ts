/**
 * Question generation as a service: limits, retrieval, the generation job, the pipeline, saving.
 * `prepareGeneration` fails fast with an AppError (limits, no matching material) before anything is
 * streamed; `runGeneration` streams events and always leaves the job marked with what happened,
 * whether the run completes, fails, is cancelled or the browser goes away.
 */
import "server-only";
import {
  activeTemplates,
  addUsageToQuestions,
  bankStems,
  createJob,
  finishJob,
  generatedSince,
  passagesOfMaterials,
} from "@/db/queries/generation";
import { saveQuestion } from "@/lib/bank/save-question";
import { getEnv } from "@/lib/env";
import { AppError, isAppError } from "@/lib/errors";
import type { RetrievalResult, RetrieveOptions, RetrievedChunk } from "@/lib/rag/types";
import { formatWait } from "@/lib/ratelimit";
import { consumeGenerationLimits, withModelSlot } from "@/lib/ratelimit/generation";
import type { GenerationEvent, PassageInfo } from "./events";
import { type AcceptedQuestion, runPipeline } from "./pipeline";
import { QUESTION_TEMPLATE_NAME, type PromptTemplate, chooseTemplate, sourceLabel } from "./prompt";
import { type QuestionWriter, questionWriter } from "./providers";
import { signPreview } from "./preview-token";
import { MIN_TOPIC_PASSAGES, tooLittleMaterial, topicGate } from "./gates/on-topic";
import type { GenerateRequest } from "./request";
import { questionFingerprint } from "./validate";

export type Retrieve = (userId: string, topic: string, options: RetrieveOptions) => Promise<RetrievalResult>;

export type PreparedGeneration = {
  userId: string;
  request: GenerateRequest;
  /** The passages on the topic only (gates/on-topic.ts). */
  retrieval: RetrievalResult;
  /** The per-item on-topic check for this request. */
  onTopic: (chunk: RetrievedChunk, quote: string) => boolean;
  template: PromptTemplate;
  writer: QuestionWriter;
  distractorChunks?: { chunkId: string; content: string }[];
};

const DAY_MS = 24 * 3600 * 1000;
const OFFLINE_DISTRACTOR_PASSAGES = 150;

export async function prepareGeneration(
  userId: string,
  request: GenerateRequest,
  opts: { ip: string | null; retrieve: Retrieve; writer?: QuestionWriter },
): Promise<PreparedGeneration> {
  const env = getEnv();
  // The daily quota is checked before an hourly token is spent, so a refused run costs nothing.
  const today = await generatedSince(userId, new Date(Date.now() - DAY_MS));
  const left = env.QUESTIONS_PER_USER_PER_DAY - today.count;
  if (left < request.count) {
    const retryAfterSeconds = today.oldest ? Math.max(60, Math.ceil((today.oldest.getTime() + DAY_MS - Date.now()) / 1000)) : 3600;
    throw new AppError(
      "rate_limited",
      left <= 0
        ? `You have reached today's limit of ${env.QUESTIONS_PER_USER_PER_DAY} questions. Try again in ${formatWait(retryAfterSeconds)}.`
        : `Only ${left} more question${left === 1 ? "" : "s"} fit in today's limit of ${env.QUESTIONS_PER_USER_PER_DAY}: ask for ${left} or fewer, or try again in ${formatWait(retryAfterSeconds)}.`,
      { retryAfterSeconds },
    );
  }
  await consumeGenerationLimits(userId, opts.ip);

  const writer = opts.writer ?? questionWriter(env);
  // Retrieval is the slow read on the path to the first card; the templates come alongside it.
  const [retrieval, templates] = await Promise.all([
    opts.retrieve(userId, request.topic, {
      materialIds: request.materialIds.length ? request.materialIds : undefined,
      // The offline generator draws its distractors from the passages, so it reads a wider set.
      limit: writer.kind === "offline" ? Math.max(env.RETRIEVAL_TOP_K, 16) : env.RETRIEVAL_TOP_K,
    }),
    activeTemplates(QUESTION_TEMPLATE_NAME),
  ]);
  // Gate 2 before anything is generated: only passages on the topic go to the writer, and too few
  // of them is said plainly instead of filing unrelated questions under the typed topic.
  const gate = topicGate(request.topic, retrieval.chunks, retrieval.embedder);
  if (gate.passages.length < MIN_TOPIC_PASSAGES)
    throw new AppError("bad_input", tooLittleMaterial(request.topic, gate.passages.length, request.materialIds.length > 0));
  if (templates.length === 0) throw new AppError("internal", "No active prompt template is configured.");
  // The offline generator takes distractors from the rest of the same material (a model brings its own).
  const distractorChunks =
    writer.kind === "offline"
      ? await passagesOfMaterials(userId, [...new Set(retrieval.chunks.map((c) => c.materialId))], OFFLINE_DISTRACTOR_PASSAGES)
      : undefined;
  return {
    userId,
    request,
    retrieval: { ...retrieval, chunks: gate.passages },
    onTopic: gate.item,
    template: chooseTemplate(templates),
    writer,
    distractorChunks,
  };
}

export function passageInfo(r: RetrievalResult): PassageInfo[] {
  return r.chunks.map((c) => ({
    chunkId: c.chunkId,
    materialId: c.materialId,
    source: sourceLabel(c),
    heading: c.heading,
    excerpt: c.content.replace(/\s+/g, " ").slice(0, 220),
    distance: c.distance,
  }));
}

export async function runGeneration(p: PreparedGeneration, signal: AbortSignal, emit: (e: GenerationEvent) => void): Promise<string> {
  const env = getEnv();
  const { request, userId } = p;
  // The bank is needed only when the first candidate is validated: read it while the model starts.
  const bank = bankStems(userId).then((rows) => ({
    fingerprints: rows.map(questionFingerprint),
    facts: rows.map((r) => ({ quote: r.sourceQuote ?? "", key: r.options[r.correctIndex] ?? "" })),
  }));
  bank.catch(() => {}); // awaited (and reported) by the pipeline
  let jobId: string;
  try {
    jobId = await createJob(userId, { ...request }, request.count, p.writer.modelId);
  } catch (e) {
    console.error("[generate] could not create the job", e);
    emit({ type: "error", code: "unavailable", message: "Studyin could not start the generation (the database did not answer). Please try again." });
    throw e;
  }
  let saved = 0;
  let outcome: Awaited<ReturnType<typeof runPipeline>> | undefined;
  let failure: string | undefined;
  try {
    emit({
      type: "start",
      jobId,
      preview: request.preview,
      requested: request.count,
      generator: { kind: p.writer.kind, label: p.writer.label },
      passages: passageInfo(p.retrieval),
      notice: p.retrieval.notice,
    });
    outcome = await runPipeline({
      writer: p.writer,
      chunks: p.retrieval.chunks,
      onTopic: p.onTopic,
      distractorChunks: p.distractorChunks,
      template: p.template,
      topic: request.topic,
      difficulty: request.difficulty,
      level: request.level,
      count: request.count,
      prohibitedTerms: env.PROHIBITED_TERMS,
      bank,
      maxAttemptsPerQuestion: env.GENERATION_MAX_ATTEMPTS_PER_QUESTION,
      timeoutMs: env.MODEL_TIMEOUT_SECONDS * 1000,
      maxOutputTokens: env.MODEL_MAX_OUTPUT_TOKENS,
      maxQuestionChars: env.QUESTION_MAX_CHARS,
      signal,
      withModelSlot: (fn) => withModelSlot(fn, { signal }),
      emit,
      accept: async (a: AcceptedQuestion) => {
        const metadata = { ...a.metadata, retrievalMode: p.retrieval.mode, embedder: p.retrieval.embedder };
        if (request.preview)
          return {
            previewToken: signPreview({
              userId,
              jobId,
              difficulty: request.difficulty,
              question: a.completed,
              metadata,
              templateId: p.template.id,
              templateVersion: p.template.version,
            }),
          };
        const questionId = await saveQuestion(a.question, {
          userId,
          jobId,
          materialId: a.chunk.materialId,
          sourceChunkId: a.chunk.chunkId,
          difficulty: request.difficulty,
          metadata,
          templateId: p.template.id,
          templateVersion: p.template.version,
          qualityScore: a.completed.sourceQuality,
        });
        saved++;
        return { questionId };
      },
      recordUsage: (ids, usage) => addUsageToQuestions(userId, ids, usage),
    });
    if (outcome.error) emit({ type: "error", code: outcome.error.code, message: outcome.error.message });
  } catch (e) {
    const shape = isAppError(e) ? e.toShape() : null;
    if (!shape) console.error("[generate]", e);
    failure = shape?.message ?? "Something went wrong on our side while generating.";
    emit({ type: "error", code: shape?.code ?? "internal", message: failure, retryAfterSeconds: shape?.retryAfterSeconds });
  } finally {
    const status = signal.aborted ? "cancelled" : failure ? (saved > 0 ? "complete" : "failed") : (outcome?.status ?? "failed");
    const error =
      status === "cancelled"
        ? "Stopped before finishing: cancelled by the student or the browser disconnected."
        : (failure ?? outcome?.error?.message ?? null);
    await finishJob(jobId, {
      status,
      generatedCount: outcome?.accepted ?? saved,
      savedCount: saved,
      drops: outcome?.drops ?? [],
      error,
    }).catch((e) => console.error("[generate] could not finish job", jobId, e));
    emit({
      type: "done",
      status,
      accepted: outcome?.accepted ?? saved,
      saved,
      dropped: outcome?.drops.length ?? 0,
      message: error ?? undefined,
    });
  }
  return jobId;
}
