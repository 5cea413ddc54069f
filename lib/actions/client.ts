/**
 * The only way to write a server action: validate the input with zod, load the session, run, and
 * return a typed Result. An action cannot ship without its session check.
 */
import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { requireUser, type SessionUser } from "@/lib/auth/session";
import { type Result, ok, toErrorShape, validationError } from "@/lib/errors";

/** A zod failure as the one validation error shape (lib/errors.ts validationError). */
export function validationFailure(error: z.ZodError): Result<never> {
  return { ok: false, error: validationError(error.issues).toShape() };
}

/** FormData to a plain object (repeated keys become arrays) for zod. */
export function formDataToObject(fd: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of fd.entries()) {
    if (k.startsWith("$ACTION")) continue;
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

export function authedAction<S extends z.ZodType, T>(
  schema: S,
  fn: (input: z.infer<S>, ctx: { user: SessionUser }) => Promise<T>,
): (input: z.input<S> | FormData) => Promise<Result<T>> {
  return async (raw) => {
    try {
      const user = await requireUser();
      const parsed = schema.safeParse(raw instanceof FormData ? formDataToObject(raw) : raw);
      if (!parsed.success) return validationFailure(parsed.error);
      return ok(await fn(parsed.data, { user }));
    } catch (e) {
      unstable_rethrow(e);
      return { ok: false, error: toErrorShape(e) };
    }
  };
}
