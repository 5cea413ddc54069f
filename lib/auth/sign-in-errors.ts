/** What the sign-in form says when Auth.js refuses a sign-in. */
import { type AppErrorShape, toErrorShape } from "@/lib/errors";

export const SIGN_IN_MESSAGES = {
  rate_limited: "Too many sign-in attempts. Wait a few minutes and try again.",
  unavailable: "Sign-in is temporarily unavailable. Please try again in a minute.",
  unauthorized: "That email and password don't match an account.",
} as const;

/**
 * The error shape for a failed sign-in. Recognised by Auth.js's `type` and our `code`, never by
 * class (Auth.js's error classes, like ours, exist once per bundle). An error Auth.js wrapped
 * (CallbackRouteError: something thrown inside authorize, e.g. the database being down) is judged
 * by what it wraps.
 */
export function signInFailure(e: unknown): AppErrorShape {
  const o = (e ?? {}) as { type?: unknown; code?: unknown; cause?: { err?: unknown } };
  if (o.type === "CredentialsSignin") {
    if (o.code === "rate_limited") return { code: "rate_limited", message: SIGN_IN_MESSAGES.rate_limited };
    if (o.code === "unavailable") return { code: "unavailable", message: SIGN_IN_MESSAGES.unavailable };
    return { code: "unauthorized", message: SIGN_IN_MESSAGES.unauthorized };
  }
  if (o.type === "CallbackRouteError" && o.cause?.err) return toErrorShape(o.cause.err);
  return toErrorShape(e);
}
