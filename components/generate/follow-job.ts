/**
 * Follows one generation job's stream: GET /api/jobs/:id/stream, the AI SDK's UI message stream,
 * read with the SDK's own transport (DefaultChatTransport.reconnectToStream parses the SSE into
 * typed chunks). Each `data-<type>` chunk carries one GenerationEvent. The server replays the job's
 * log from its start and then follows it live until "done"; a stream that ends before "done" (a
 * network blip, a server restart) is reopened after a short wait and replays again.
 *
 * Loaded only once a run starts or a page follows jobs, so the Generate page opens without it.
 */
import { DefaultChatTransport, type UIMessageChunk } from "ai";
import { GENERATION_STREAM_API, type GenerationEvent, type GenerationUIMessage } from "@/lib/ai/events";
import type { RunAction } from "./run-state";

const transport = new DefaultChatTransport<GenerationUIMessage>({ api: GENERATION_STREAM_API });

/** Waits between reopening attempts; the last one repeats. */
export const RECONNECT_DELAYS_MS = [300, 1000, 2000, 4000, 8000];
/** Consecutive attempts that bring nothing before the page gives up and says so. */
export const MAX_EMPTY_ATTEMPTS = 8;

export const LOST_MESSAGE =
  "Lost the connection to this generation. It goes on without this page: reload to follow it, or find its questions in your bank when it ends.";

/** The GenerationEvent a chunk carries, or null for anything else (the stream's own framing). */
export function eventOf(chunk: UIMessageChunk): GenerationEvent | null {
  if (!chunk.type.startsWith("data-") || !("data" in chunk)) return null;
  const data = chunk.data as { type?: unknown } | null;
  return data && typeof data === "object" && data.type === chunk.type.slice("data-".length) ? (data as GenerationEvent) : null;
}

/** The app's error in what the transport throws for a refused request (its message is the response body). */
function appErrorOf(e: unknown): { code?: string; message?: string; retryAfterSeconds?: number } | null {
  if (!(e instanceof Error)) return null;
  try {
    return (JSON.parse(e.message) as { error?: { code?: string; message?: string; retryAfterSeconds?: number } }).error ?? null;
  } catch {
    return null; // not the app's JSON: a network failure or a proxy's page
  }
}

/**
 * A refusal that retrying cannot change (the job is not this student's, the session ended) ends
 * the follow; anything else (a network failure, a server restarting, a rate limit) is worth
 * another attempt.
 */
export function refusalOf(e: unknown): { message: string; retryAfterSeconds?: number } | null {
  const error = appErrorOf(e);
  const code = error?.code;
  if (code === "not_found" || code === "unauthorized" || code === "forbidden" || code === "validation")
    return { message: error?.message ?? "This generation cannot be followed.", retryAfterSeconds: error?.retryAfterSeconds };
  return null;
}

/** How long the server asked to wait before trying again (a rate limit), in ms; at most a minute. */
export function retryAfterMs(e: unknown): number {
  const seconds = appErrorOf(e)?.retryAfterSeconds;
  return typeof seconds === "number" && seconds > 0 ? Math.min(seconds, 60) * 1000 : 0;
}

function wait(ms: number, signal: AbortSignal) {
  return new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const onAbort = () => {
      clearTimeout(t);
      resolve();
    };
    const t = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * Follows the job until its "done" event, a refusal, or `signal` aborts; `send` receives what the
 * job's RunState should take in. `ended`: the job had already ended when the page learnt of it,
 * so a stream with nothing in it (its log expired) ends the follow instead of being retried.
 */
export async function followJob(jobId: string, signal: AbortSignal, send: (a: RunAction) => void, { ended = false } = {}) {
  let empty = 0;
  /** The most events one stream brought: a replay brings them all again, so only more is progress. */
  let most = 0;
  while (!signal.aborted) {
    let events = 0;
    let asked = 0;
    try {
      const stream = await transport.reconnectToStream({ chatId: jobId, abortSignal: signal });
      if (!stream) return send({ type: "ended" });
      // The log replays from its start: the run takes it in again over the cards it has.
      send({ type: "opened" });
      const reader = stream.getReader();
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          const event = eventOf(value);
          if (event) {
            events++;
            send({ type: "event", event });
            if (event.type === "done") return;
          } else if (value.type === "error") throw new Error(value.errorText);
        }
      } finally {
        // Done (or broken): let go of the response.
        void reader.cancel().catch(() => {});
      }
    } catch (e) {
      if (signal.aborted) return;
      const refusal = refusalOf(e);
      if (refusal) return send({ type: "failed", ...refusal });
      asked = retryAfterMs(e);
    }
    if (signal.aborted) return;
    if (events === 0 && ended) return send({ type: "ended" });
    empty = events > most ? 1 : empty + 1;
    most = Math.max(most, events);
    if (empty > MAX_EMPTY_ATTEMPTS) return send({ type: "failed", message: LOST_MESSAGE });
    send({ type: "reconnecting" });
    await wait(Math.max(asked, RECONNECT_DELAYS_MS[Math.min(empty - 1, RECONNECT_DELAYS_MS.length - 1)]!), signal);
  }
}
