import http from "node:http";
import type { AddressInfo } from "node:net";
import { createOpenAI } from "@ai-sdk/openai";
import { APICallError, RetryError, streamText } from "ai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MODEL_MESSAGES, describeModelError } from "./model-errors";

const apiError = (statusCode: number | undefined, message = "Request failed") =>
  new APICallError({ message, url: "http://127.0.0.1/v1/chat/completions", requestBodyValues: {}, statusCode, isRetryable: statusCode === undefined || statusCode >= 500 });

describe("describeModelError", () => {
  it.each([
    [401, MODEL_MESSAGES.credentials],
    [403, MODEL_MESSAGES.credentials],
    [429, MODEL_MESSAGES.rateLimited],
    [408, MODEL_MESSAGES.unreachable],
    [504, MODEL_MESSAGES.unreachable],
    [undefined, MODEL_MESSAGES.unreachable],
    [500, MODEL_MESSAGES.failed],
    [400, MODEL_MESSAGES.failed],
  ])("an APICallError with status %s", (status, message) => {
    expect(describeModelError(apiError(status))).toBe(message);
  });

  it("goes by the status, not by words in the message", () => {
    expect(describeModelError(apiError(400, "Invalid 'max_tokens': 429 is too small; see the rate limit guide"))).toBe(MODEL_MESSAGES.failed);
    expect(describeModelError(new Error("401 Unauthorized"))).toBe(MODEL_MESSAGES.failed);
  });

  it("finds the APICallError inside a RetryError or as a cause", () => {
    const retried = new RetryError({ message: "Failed after 3 attempts", reason: "maxRetriesExceeded", errors: [apiError(500), apiError(429)] });
    expect(describeModelError(retried)).toBe(MODEL_MESSAGES.rateLimited);
    expect(describeModelError(new Error("stream failed", { cause: apiError(401) }))).toBe(MODEL_MESSAGES.credentials);
  });

  it("our own time limit reads as unreachable; anything else as a failure", () => {
    expect(describeModelError(new DOMException("The operation timed out.", "TimeoutError"))).toBe(MODEL_MESSAGES.unreachable);
    expect(describeModelError(new SyntaxError("Unexpected token"))).toBe(MODEL_MESSAGES.failed);
    expect(describeModelError(undefined)).toBe(MODEL_MESSAGES.failed);
  });
});

describe("describeModelError on what the AI SDK reports over HTTP", () => {
  let server: http.Server;
  let base: string;
  beforeAll(async () => {
    // Answers every request with the status in its model name ("status-429"), as OpenAI would.
    server = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        const status = Number(/status-(\d+)/.exec(body)?.[1] ?? 500);
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { message: "refused for the test", type: "test", code: null, param: null } }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  async function failureOf(baseURL: string, model: string): Promise<unknown> {
    let reported: unknown;
    const result = streamText({
      model: createOpenAI({ baseURL, apiKey: "test" }).chat(model),
      prompt: "Write a question.",
      maxRetries: 0,
      onError: ({ error }) => {
        reported = error;
      },
    });
    await result.consumeStream();
    return reported;
  }

  it.each([
    [401, MODEL_MESSAGES.credentials],
    [429, MODEL_MESSAGES.rateLimited],
    [500, MODEL_MESSAGES.failed],
  ])("HTTP %i", async (status, message) => {
    const error = await failureOf(base, `status-${status}`);
    expect(APICallError.isInstance(error) && error.statusCode).toBe(status);
    expect(describeModelError(error)).toBe(message);
  });

  it("a server that refuses the connection", async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await failureOf(`http://127.0.0.1:${port}/v1`, "any");
    expect(describeModelError(error)).toBe(MODEL_MESSAGES.unreachable);
  });
});
