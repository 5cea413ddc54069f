/**
 * One error vocabulary for actions, routes and the UI. Expected failures travel as values
 * (`Result`), not exceptions; `AppError` carries one through layers that throw.
 */
export type ErrorCode =
  | "unauthorized" // no valid session
  | "not_found" // missing, or another user's (never "forbidden": we do not confirm it exists)
  | "validation" // input failed the zod schema
  | "rate_limited" // a limit was reached; retryAfterSeconds says when to try again
  | "too_fast" // the same action repeated too soon (e.g. re-answering within 5 s)
  | "conflict" // state forbids it (email taken, material has questions, ...)
  | "bad_input" // the content is unusable (corrupt PDF, no text layer, ...)
  | "too_large" // the request body is past its limit (refused while it streams in)
  | "unavailable" // a service is down or busy
  | "model_error" // the model's output could not be used
  | "internal";

export const HTTP_STATUS: Record<ErrorCode, number> = {
  unauthorized: 401,
  not_found: 404,
  validation: 400,
  rate_limited: 429,
  too_fast: 429,
  conflict: 409,
  bad_input: 422,
  too_large: 413,
  unavailable: 503,
  model_error: 502,
  internal: 500,
};

export type AppErrorShape = {
  code: ErrorCode;
  message: string;
  retryAfterSeconds?: number;
  /** Field-level messages for forms. */
  fields?: Record<string, string>;
};

export class AppError extends Error {
  constructor(
    public readonly code: ErrorCode,
    message: string,
    public readonly extra: { retryAfterSeconds?: number; fields?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = "AppError";
  }
  toShape(): AppErrorShape {
    return { code: this.code, message: this.message, ...this.extra };
  }
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: AppErrorShape };

export const ok = <T>(data: T): Result<T> => ({ ok: true, data });
export const fail = (code: ErrorCode, message: string, extra: AppError["extra"] = {}): Result<never> => ({
  ok: false,
  error: { code, message, ...extra },
});

export const notFound = (what = "That item") => new AppError("not_found", `${what} was not found.`);

/** Turns anything thrown into an error shape the UI may show (internal details are logged, not shown). */
export function toErrorShape(e: unknown): AppErrorShape {
  if (e instanceof AppError) return e.toShape();
  console.error(e);
  return { code: "internal", message: "Something went wrong on our side. Please try again." };
}

/** A JSON Response for route handlers, with Retry-After when relevant. */
export function errorResponse(e: AppErrorShape | AppError): Response {
  const shape = e instanceof AppError ? e.toShape() : e;
  const headers: Record<string, string> = {};
  if (shape.retryAfterSeconds) headers["Retry-After"] = String(shape.retryAfterSeconds);
  return Response.json({ error: shape }, { status: HTTP_STATUS[shape.code], headers });
}
