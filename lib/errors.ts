/**
 * One error vocabulary for actions, routes and the UI. Expected failures travel as values
 * (`Result`), not exceptions; `AppError` carries one through layers that throw.
 */
export type ErrorCode =
  | "unauthorized" // no valid session
  | "not_found" // missing, or another user's (never "forbidden": we do not confirm it exists)
  | "forbidden" // a state-changing request from another site (lib/http/same-origin.ts)
  | "validation" // input failed its schema: always with `fields` (validationError below)
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
  forbidden: 403,
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
  /**
   * Field-level messages keyed by dotted path: on every `validation` error (built by
   * validationError(); "_" holds a message about the input as a whole), and on a `conflict` that
   * one field caused (a taken email, a collection name already used) so the form can mark it.
   */
  fields?: Record<string, string>;
};

/**
 * Marks an AppError by a registry symbol rather than by class identity: Next bundles a module once
 * per entry (the Auth.js route, server actions, pages), and objects kept on globalThis (limiters,
 * the database) outlive the bundle that made them, so an error thrown by one copy of this class
 * fails `instanceof` in another. Recognise errors with isAppError(), never instanceof.
 */
const APP_ERROR = Symbol.for("studyin.AppError");

export class AppError extends Error {
  readonly [APP_ERROR] = true;
  constructor(
    public readonly code: ErrorCode,
    message: string,
    public readonly extra: { retryAfterSeconds?: number; fields?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = "AppError";
  }
  toShape(): AppErrorShape {
    return shapeOf(this);
  }
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: AppErrorShape };

export const ok = <T>(data: T): Result<T> => ({ ok: true, data });
export const fail = (code: ErrorCode, message: string, extra: AppError["extra"] = {}): Result<never> => ({
  ok: false,
  error: { code, message, ...extra },
});

/** True for an AppError from any copy of this module (see APP_ERROR). */
export function isAppError(e: unknown): e is AppError {
  if (!e || typeof e !== "object") return false;
  const o = e as { [APP_ERROR]?: unknown; code?: unknown; message?: unknown };
  return o[APP_ERROR] === true && typeof o.code === "string" && o.code in HTTP_STATUS && typeof o.message === "string";
}

function shapeOf(e: AppError): AppErrorShape {
  // A validation error always carries `fields`, also when a service threw it with a message only.
  if (e.code === "validation" && !e.extra.fields) return { code: e.code, message: e.message, ...e.extra, fields: { _: e.message } };
  return { code: e.code, message: e.message, ...e.extra };
}

export const notFound = (what = "That item") => new AppError("not_found", `${what} was not found.`);

/** What a validation error is built from: zod's issues (structurally, so db/ needs no zod). */
export type ValidationIssue = { readonly path: readonly PropertyKey[]; readonly message: string };

/** Field-level messages keyed by the issue's dotted path ("answers.1.confidence"; "_" for the whole input). */
export function validationFields(issues: readonly ValidationIssue[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) fields[issue.path.map(String).join(".") || "_"] ??= issue.message;
  return fields;
}

/**
 * The one validation error, for actions and routes alike: `{ code: "validation", message, fields }`.
 * `message` is the first field's: our schemas' messages are sentences a student can read as they
 * are; a library default (no full stop) gets the field's name in front so it still says what it is
 * about. Input that is not one field (an unreadable body, no file chosen) passes `fields` as
 * `{ _: message }` or names the field it concerns.
 */
export function validationError(issuesOrMessage: readonly ValidationIssue[] | string, fields?: Record<string, string>): AppError {
  if (typeof issuesOrMessage === "string") return new AppError("validation", issuesOrMessage, fields ? { fields } : {});
  const all = validationFields(issuesOrMessage);
  const first = Object.entries(all)[0];
  const message = !first ? "Invalid input." : first[0] === "_" || /\.$/.test(first[1]) ? first[1] : `${first[0]}: ${first[1]}`;
  return new AppError("validation", message, { fields: first ? all : { _: message } });
}

/**
 * Driver errors that mean "the database is not reachable right now" rather than a bug: refused or
 * cut connections, the connect timeout, the server shutting down or starting up, too many
 * connections, and statements cancelled by the statement timeout. Drizzle wraps driver errors, so
 * the chain of causes is searched.
 */
const UNREACHABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
  "EPIPE",
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "57014", // query_canceled: the statement timeout
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now (starting up, recovering)
  "53300", // too_many_connections
]);
export const UNAVAILABLE_RETRY_SECONDS = 5;

export function isDatabaseUnavailable(e: unknown): boolean {
  for (let cur: unknown = e, depth = 0; cur && typeof cur === "object" && depth < 6; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === "string" && (UNREACHABLE_CODES.has(code) || code.startsWith("08"))) return true;
    cur = (cur as { cause?: unknown }).cause;
  }
  return false;
}

export const databaseUnavailable = () =>
  new AppError("unavailable", "Studyin is temporarily unavailable (the database is not answering). Please try again in a few seconds.", {
    retryAfterSeconds: UNAVAILABLE_RETRY_SECONDS,
  });

/** Turns anything thrown into an error shape the UI may show (internal details are logged, not shown). */
export function toErrorShape(e: unknown): AppErrorShape {
  if (isAppError(e)) return shapeOf(e);
  if (isDatabaseUnavailable(e)) {
    console.error("[db] unavailable:", (e as Error)?.message ?? e);
    return databaseUnavailable().toShape();
  }
  console.error(e);
  return { code: "internal", message: "Something went wrong on our side. Please try again." };
}

/** A JSON Response for route handlers, with Retry-After when relevant. */
export function errorResponse(e: AppErrorShape | AppError): Response {
  const shape = isAppError(e) ? shapeOf(e) : (e as AppErrorShape);
  const headers: Record<string, string> = { "cache-control": "private, no-store" };
  if (shape.retryAfterSeconds) headers["Retry-After"] = String(shape.retryAfterSeconds);
  return Response.json({ error: shape }, { status: HTTP_STATUS[shape.code], headers });
}
