/**
 * Postgres error helpers, and the conventions every module in db/queries follows:
 *
 * - Imports: only lib/env, lib/errors and db/** (eslint.config.mjs enforces it). A query knows no
 *   domain rule; where one is needed mid-transaction, the lib service hands in a function
 *   (`decide` in answers.ts, `plan` in scheduler.ts, `rescore` in questions.ts).
 * - Missing: a row that does not exist or is another student's reads as missing, and a query says
 *   so with a value: null (or false for a write that had nothing to change, or `{ missing }` when
 *   the caller must say which). The lib service turns that into the app's NotFound (`notFound()` in
 *   lib/errors.ts; a 404 at a route, `not_found` from an action); Server Components reading
 *   directly call Next's notFound(). The one exception is inside a transaction that must roll
 *   back (answer-batch.ts): there the query throws NotFound itself.
 * - Constraint violations propagate; the service maps the ones it expects (e.g. a duplicate
 *   collection name in lib/bank/service.ts) with `isUniqueViolation` below.
 *
 * Drizzle wraps driver errors: the real one is in `cause`.
 */
export type PgErrorInfo = { code?: string; constraint?: string; message: string };

export function pgError(e: unknown): PgErrorInfo | null {
  for (let cur: unknown = e, depth = 0; cur && depth < 5; depth++) {
    const o = cur as { code?: unknown; constraint?: string; constraint_name?: string; message?: string; cause?: unknown };
    if (typeof o.code === "string" && /^[0-9A-Z]{5}$/.test(o.code))
      return { code: o.code, constraint: o.constraint ?? o.constraint_name, message: o.message ?? "" };
    cur = o.cause;
  }
  return null;
}

export const isUniqueViolation = (e: unknown) => pgError(e)?.code === "23505";
export const isForeignKeyViolation = (e: unknown) => pgError(e)?.code === "23503";
