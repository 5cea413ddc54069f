import { formatWait } from "@/lib/ratelimit/format";

/** An error's message, with when to try again if the server said and the message does not. */
export function withWait(error: { message: string; retryAfterSeconds?: number }): string {
  return error.retryAfterSeconds && !/try again in|retry in/i.test(error.message)
    ? `${error.message} Try again in ${formatWait(error.retryAfterSeconds)}.`
    : error.message;
}

