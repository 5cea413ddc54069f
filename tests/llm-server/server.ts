/**
 * A local OpenAI-compatible server for tests and the benchmark: POST /v1/chat/completions answers
 * with real `chat.completion.chunk` SSE events at a set pace, so @ai-sdk/openai is exercised over
 * HTTP exactly as against OpenAI, Ollama or llama.cpp. It writes its questions with the offline
 * generator from the <material> passages in the prompt, so they pass Studyin's validation.
 *
 *   npx tsx tests/llm-server/server.ts --port 0 --ttft-ms 1000 --token-ms 5
 * prints "LLM_SERVER_READY <port>". GET /stats: per-request timings; GET /health.
 *
 * A request whose user message holds a <passage> and a <question> (Studyin's blind solver, sent
 * with `stream: false` by generateText) is answered as a chat.completion whose content is the
 * solver's JSON, chosen by the extractive solver from that passage alone.
 *
 * A model named `huge-field-<N>` misbehaves on purpose: it writes one question whose vignette is N
 * characters long (in 4 KB tokens), ignoring max_tokens, to test that a reply cannot grow unbounded.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { solveExtractive } from "../../lib/ai/gates/solver";
import { offlineQuestions } from "../../lib/ai/offline/generator";
import type { RetrievedChunk } from "../../lib/rag/types";

export type LlmServerOptions = {
  port?: number;
  /** Delay before the first content token. */
  ttftMs?: number;
  /** Delay between tokens after the first. */
  tokenMs?: number;
  /** Characters per token (content delta). */
  tokenChars?: number;
};

export type RequestStats = {
  model: string;
  /** "write": a question-writing call (streamed); "solve": a blind-solver call. */
  kind: "write" | "solve";
  receivedAt: number;
  firstTokenAt?: number;
  /** When the chunk that closes the first question was written: the model's own "first question" time. */
  firstQuestionAt?: number;
  endedAt?: number;
  aborted: boolean;
  /** The output cap the client sent (max_tokens or max_completion_tokens). */
  maxTokens?: number;
};

export type LlmServer = { url: string; port: number; stats: RequestStats[]; close: () => Promise<void>; options: Required<LlmServerOptions> };

type ChatMessage = { role: string; content: string | { type: string; text?: string }[] };

const textOf = (m: ChatMessage) => (typeof m.content === "string" ? m.content : m.content.map((p) => p.text ?? "").join(""));

/** The fenced passages Studyin put in the prompt, as retrieved chunks. */
export function passagesFromPrompt(prompt: string): RetrievedChunk[] {
  const out: RetrievedChunk[] = [];
  const re = /<material id="([^"]+)" source="([^"]*)"(?: heading="([^"]*)")?>\n([\s\S]*?)\n<\/material>/g;
  for (const m of prompt.matchAll(re))
    out.push({
      chunkId: m[1]!,
      materialId: "",
      materialTitle: m[2]!,
      fileName: "",
      ordinal: out.length,
      pageStart: null,
      pageEnd: null,
      heading: m[3] ?? null,
      content: m[4]!,
      distance: null,
      textRank: null,
      score: 0,
    });
  return out;
}

/** The blind solver's request: passage, stem and lettered options (lib/ai/gates/model-solver.ts). */
function solverQuestion(user: string) {
  const m = /<passage>\n([\s\S]*?)\n<\/passage>\s*<question>\n([\s\S]*?)\n<\/question>/.exec(user);
  if (!m) return null;
  const lines = m[2]!.split("\n");
  const options = lines.filter((l) => /^[A-H]\. /.test(l)).map((l) => l.slice(3));
  const stem = lines.filter((l) => !/^[A-H]\. /.test(l)).join("\n").trim();
  return { vignette: stem, leadIn: "", options, passage: m[1]! };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startLlmServer(opts: LlmServerOptions = {}): Promise<LlmServer> {
  const options = { port: opts.port ?? 0, ttftMs: opts.ttftMs ?? 200, tokenMs: opts.tokenMs ?? 2, tokenChars: opts.tokenChars ?? 6 };
  const stats: RequestStats[] = [];

  const server = http.createServer(async (req, res) => {
    if (req.method === "GET" && req.url === "/health") return void res.end("ok");
    if (req.method === "GET" && req.url === "/stats") return void res.setHeader("content-type", "application/json").end(JSON.stringify(stats));
    if (req.method !== "POST" || !req.url?.endsWith("/chat/completions")) {
      res.statusCode = 404;
      return void res.end(JSON.stringify({ error: { message: "not found" } }));
    }
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as {
      model: string;
      messages: ChatMessage[];
      stream?: boolean;
      max_tokens?: number;
      max_completion_tokens?: number;
    };
    const stat: RequestStats = { model: body.model, kind: "write", receivedAt: performance.now(), aborted: false, maxTokens: body.max_tokens ?? body.max_completion_tokens };
    stats.push(stat);
    let closed = false;
    res.on("close", () => {
      closed = true;
      if (!stat.endedAt) stat.aborted = true;
    });
    if (body.model.startsWith("fail")) {
      res.statusCode = 500;
      return void res.end(JSON.stringify({ error: { message: "The test server was told to fail", type: "server_error" } }));
    }

    const user = body.messages.filter((m) => m.role === "user").map(textOf).join("\n");
    const solverAsk = solverQuestion(user);
    if (solverAsk) {
      stat.kind = "solve";
      const v = solveExtractive(solverAsk);
      // A model always answers: its best option, and whatever else the passage supports.
      const choice = v.choice ?? v.scores.indexOf(Math.max(...v.scores));
      const answer = JSON.stringify({ choice, alsoDefensible: v.supported.filter((i) => i !== choice), reasoning: v.method });
      await sleep(options.ttftMs);
      stat.firstTokenAt = performance.now();
      stat.endedAt = performance.now();
      res.writeHead(200, { "content-type": "application/json" });
      return void res.end(
        JSON.stringify({
          id: `chatcmpl-${Math.random().toString(36).slice(2)}`,
          object: "chat.completion",
          created: Math.floor(Date.now() / 1000),
          model: body.model,
          choices: [{ index: 0, message: { role: "assistant", content: answer }, finish_reason: "stop" }],
          usage: { prompt_tokens: Math.ceil(user.length / 4), completion_tokens: Math.ceil(answer.length / 4), total_tokens: Math.ceil((user.length + answer.length) / 4) },
        }),
      );
    }
    const count = Number(/Write (\d+) question/.exec(user)?.[1] ?? 1);
    const topic = /question\(s\) on "([^"]*)"/.exec(user)?.[1] ?? "";
    // Like a real model told what to avoid: skip questions the prompt lists as already written.
    const system = body.messages.filter((m) => m.role === "system").map(textOf).join("\n");
    const passages = passagesFromPrompt(user);
    // Like a model told the topic: items on it first, then (if the passages hold too few) any.
    const onTopic = offlineQuestions(passages, { topic, difficulty: 3, count: count + 20 });
    const anyTopic = offlineQuestions(passages, { topic, difficulty: 3, count: count + 20, anyPassage: true });
    const questions = [...onTopic, ...anyTopic.filter((q) => !onTopic.some((o) => o.sourceQuote === q.sourceQuote))]
      .filter((q) => !system.includes(q.vignette.slice(0, 60)))
      .slice(0, count);
    if (questions.length < count)
      console.error(`[llm-server] wrote ${questions.length} of ${count} from ${passages.length} passages: they define too few terms for this stand-in model`);
    const huge = /^huge-field-(\d+)$/.exec(body.model);
    const content = huge
      ? JSON.stringify({ questions: [{ ...(questions[0] ?? {}), vignette: "A".repeat(Number(huge[1])) }] })
      : JSON.stringify({ questions });
    const tokenChars = huge ? Math.max(options.tokenChars, 4096) : options.tokenChars;
    const firstQuestionEnd = questions.length ? '{"questions":['.length + JSON.stringify(questions[0]).length : -1;

    const id = `chatcmpl-${Math.random().toString(36).slice(2)}`;
    const created = Math.floor(Date.now() / 1000);
    const send = (delta: Record<string, unknown>, finish: string | null, extra: Record<string, unknown> = {}) =>
      res.write(`data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model: body.model, choices: [{ index: 0, delta, finish_reason: finish }], ...extra })}\n\n`);

    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
    send({ role: "assistant", content: "" }, null);
    await sleep(options.ttftMs);
    for (let pos = 0; pos < content.length && !closed; pos += tokenChars) {
      send({ content: content.slice(pos, pos + tokenChars) }, null);
      const now = performance.now();
      stat.firstTokenAt ??= now;
      if (stat.firstQuestionAt === undefined && firstQuestionEnd >= 0 && pos + tokenChars >= firstQuestionEnd) stat.firstQuestionAt = now;
      if (options.tokenMs > 0) await sleep(options.tokenMs);
    }
    if (closed) return;
    const promptTokens = Math.ceil(body.messages.map(textOf).join("").length / 4);
    const completionTokens = Math.ceil(content.length / tokenChars);
    send({}, "stop", { usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens } });
    res.write("data: [DONE]\n\n");
    stat.endedAt = performance.now();
    res.end();
  });

  await new Promise<void>((resolve) => server.listen(options.port, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    port,
    stats,
    options,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function arg(name: string): number | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : undefined;
}

if (process.argv[1] && /llm-server[\\/]server\.ts$/.test(process.argv[1])) {
  void startLlmServer({ port: arg("port"), ttftMs: arg("ttft-ms"), tokenMs: arg("token-ms"), tokenChars: arg("token-chars") }).then((s) => {
    console.log(`LLM_SERVER_READY ${s.port}`);
    const stop = () => void s.close().then(() => process.exit(0));
    process.on("SIGTERM", stop);
    process.on("SIGINT", stop);
  });
}
