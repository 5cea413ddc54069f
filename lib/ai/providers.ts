/**
 * The one place a model is chosen. OPENAI_BASE_URL: any OpenAI-compatible server (Ollama, vLLM,
 * llama.cpp, LM Studio) through the chat-completions API; OPENAI_API_KEY alone: OpenAI; neither:
 * the offline generator. Model names come only from the configuration (lib/env.ts).
 */
import { createOpenAI } from "@ai-sdk/openai";
import type { LanguageModelV3 } from "@ai-sdk/provider";
import { type Env, getEnv, llmMode } from "@/lib/env";
import type { RetrievedChunk } from "@/lib/rag/types";
import { solveWithModel } from "./gates/model-solver";
import { type SolverInput, type SolverVerdict, solveExtractive } from "./gates/solver";
import { OFFLINE_GENERATOR_NAME, type OfflineRequest } from "./offline/generator";
import { OFFLINE_MODEL_ID, OfflineQuestionModel } from "./offline/model";

export type GeneratorKind = "llm" | "offline";

export type QuestionWriter = {
  kind: GeneratorKind;
  /** What the page shows: the model name, or the offline generator's label. */
  label: string;
  /** The model id stored on each question. */
  modelId: string;
  /** A model for one call; the offline one is built from that call's passages. */
  model: (chunks: readonly RetrievedChunk[], request: OfflineRequest) => LanguageModelV3;
  /**
   * The blind solver: answers an item from its stem, options and cited passage, never its key.
   * With a model, a second call (SOLVER_MODEL, default the writer's model) through the same
   * provider; offline, the extractive solver.
   */
  solve: (input: SolverInput, signal: AbortSignal) => Promise<SolverVerdict>;
};

/** The solver's answer is a letter and a few words: a small cap keeps a misbehaving model short. */
const SOLVER_MAX_OUTPUT_TOKENS = 400;

export function questionWriter(env: Env = getEnv()): QuestionWriter {
  const mode = llmMode(env);
  if (mode === "offline")
    return {
      kind: "offline",
      label: OFFLINE_GENERATOR_NAME,
      modelId: OFFLINE_MODEL_ID,
      model: (chunks, request) => new OfflineQuestionModel(chunks, request),
      solve: async (input) => solveExtractive(input),
    };
  // Local servers ignore the key, but the SDK insists on one.
  const provider = createOpenAI({ apiKey: env.OPENAI_API_KEY ?? "not-needed", baseURL: env.OPENAI_BASE_URL });
  const pick = (id: string) => (mode === "openai-compatible" ? provider.chat(id) : provider(id));
  const model = pick(env.QUESTION_GEN_MODEL);
  const solver = env.SOLVER_MODEL && env.SOLVER_MODEL !== env.QUESTION_GEN_MODEL ? pick(env.SOLVER_MODEL) : model;
  return {
    kind: "llm",
    label: mode === "openai-compatible" ? `${env.QUESTION_GEN_MODEL} (${new URL(env.OPENAI_BASE_URL!).host})` : `${env.QUESTION_GEN_MODEL} (OpenAI)`,
    modelId: env.QUESTION_GEN_MODEL,
    model: () => model,
    solve: (input, signal) =>
      solveWithModel(solver, input, { abortSignal: signal, maxOutputTokens: SOLVER_MAX_OUTPUT_TOKENS, timeoutMs: env.MODEL_TIMEOUT_SECONDS * 1000 }),
  };
}
