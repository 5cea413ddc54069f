/** Postgres error helpers. Drizzle wraps driver errors: the real one is in `cause`. */
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
