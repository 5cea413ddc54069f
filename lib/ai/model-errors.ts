/**
 * What a student is told when the question model fails, from what the AI SDK reports: an
 * APICallError carries the provider's HTTP status (none when no response came back: the server
 * could not be reached), and our own time limit aborts with a TimeoutError.
 */
import { APICallError, RetryError } from "ai";

export const MODEL_MESSAGES = {
  unreachable: "The question model is unreachable right now. Please try again in a minute.",
  credentials: "The question model refused our credentials; tell the administrator.",
  rateLimited: "The question model is over its own rate limit. Please try again shortly.",
  failed: "The question model failed while writing. Please try again.",
} as const;

/** The APICallError behind `e`: itself, the last attempt of a RetryError, or one in its causes. */
function apiCallError(e: unknown): APICallError | undefined {
  for (let cur: unknown = e, depth = 0; cur && depth < 5; depth++) {
    if (APICallError.isInstance(cur)) return cur;
    cur = RetryError.isInstance(cur) ? cur.lastError : (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

const isTimeout = (e: unknown) => e instanceof Error && e.name === "TimeoutError";

export function describeModelError(e: unknown): string {
  const api = apiCallError(e);
  if (!api) return isTimeout(e) ? MODEL_MESSAGES.unreachable : MODEL_MESSAGES.failed;
  switch (api.statusCode) {
    case undefined: // no response at all: refused, DNS, reset
    case 408:
    case 504:
      return MODEL_MESSAGES.unreachable;
    case 401:
    case 403:
      return MODEL_MESSAGES.credentials;
    case 429: // OpenAI answers 429 for an exhausted quota too
      return MODEL_MESSAGES.rateLimited;
    default:
      return MODEL_MESSAGES.failed;
  }
}
