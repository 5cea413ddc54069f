/** AI SDK mock models that stream given text in small pieces (tests only; not a test file). */
import type { LanguageModelV3StreamPart } from "@ai-sdk/provider";
import { simulateReadableStream } from "ai";
import { MockLanguageModelV3 } from "ai/test";

const usage = {
  inputTokens: { total: 120, noCache: 120, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 80, text: 80, reasoning: 0 },
};

export function textParts(text: string, opts: { size?: number; finish?: "stop" | "length" } = {}): LanguageModelV3StreamPart[] {
  const size = opts.size ?? 25;
  const parts: LanguageModelV3StreamPart[] = [{ type: "stream-start", warnings: [] }, { type: "text-start", id: "t" }];
  for (let i = 0; i < text.length; i += size) parts.push({ type: "text-delta", id: "t", delta: text.slice(i, i + size) });
  parts.push({ type: "text-end", id: "t" });
  parts.push({ type: "finish", finishReason: { unified: opts.finish ?? "stop", raw: opts.finish ?? "stop" }, usage });
  return parts;
}

/** One mock model whose successive calls stream the successive texts. */
export function streamingModel(texts: string[], opts: { chunkDelayInMs?: number; finish?: "stop" | "length" } = {}) {
  let call = 0;
  return new MockLanguageModelV3({
    modelId: "mock-question-model",
    doStream: async () => {
      const text = texts[Math.min(call++, texts.length - 1)] ?? "";
      return { stream: simulateReadableStream({ chunks: textParts(text, opts), chunkDelayInMs: opts.chunkDelayInMs ?? 0 }) };
    },
  });
}

export function failingModel(error: Error) {
  return new MockLanguageModelV3({
    modelId: "mock-failing-model",
    doStream: async () => {
      throw error;
    },
  });
}
