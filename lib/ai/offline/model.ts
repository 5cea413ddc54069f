/**
 * The offline generator as an AI SDK language model, so its items travel exactly the path a real
 * model's do: streamText -> partial JSON -> the same validation and saving. It writes the JSON of
 * `offlineQuestions(...)` in small deltas (a short pause between them lets the page show a card
 * filling in) and honours the abort signal like a network model.
 */
import type { LanguageModelV3, LanguageModelV3CallOptions, LanguageModelV3StreamPart } from "@ai-sdk/provider";
import type { RetrievedChunk } from "@/lib/rag/types";
import { type OfflineRequest, offlineQuestions } from "./generator";

export const OFFLINE_MODEL_ID = "offline-definitions-v1";

export class OfflineQuestionModel implements LanguageModelV3 {
  readonly specificationVersion = "v3" as const;
  readonly provider = "studyin-offline";
  readonly modelId = OFFLINE_MODEL_ID;
  readonly supportedUrls = {};

  constructor(
    private readonly chunks: readonly RetrievedChunk[],
    private readonly request: OfflineRequest,
    // Fast enough that the first card lands in a few hundred ms, slow enough that it visibly fills in.
    private readonly pace: { chars: number; delayMs: number } = { chars: 120, delayMs: 1 },
  ) {}

  async doGenerate(): Promise<never> {
    throw new Error("The offline generator only streams.");
  }

  async doStream(options: LanguageModelV3CallOptions) {
    const json = JSON.stringify({ questions: offlineQuestions(this.chunks, this.request) });
    const { chars, delayMs } = this.pace;
    const signal = options.abortSignal;
    let pos = 0;
    const stream = new ReadableStream<LanguageModelV3StreamPart>({
      start(controller) {
        controller.enqueue({ type: "stream-start", warnings: [] });
        controller.enqueue({ type: "text-start", id: "0" });
      },
      async pull(controller) {
        if (signal?.aborted) {
          controller.error(signal.reason ?? new DOMException("Aborted", "AbortError"));
          return;
        }
        if (pos >= json.length) {
          controller.enqueue({ type: "text-end", id: "0" });
          controller.enqueue({
            type: "finish",
            finishReason: { unified: "stop", raw: "stop" },
            usage: {
              inputTokens: { total: 0, noCache: 0, cacheRead: 0, cacheWrite: 0 },
              outputTokens: { total: 0, text: 0, reasoning: 0 },
            },
          });
          controller.close();
          return;
        }
        if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
        controller.enqueue({ type: "text-delta", id: "0", delta: json.slice(pos, pos + chars) });
        pos += chars;
      },
    });
    return { stream };
  }
}
