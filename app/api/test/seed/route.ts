/**
 * TEST ONLY (404 unless STUDYIN_TEST_HOOKS): seeds a ready material and N questions for the
 * signed-in user, so browser tests need no model or upload. Body: { count?: number, topic?: string }.
 */
import { z } from "zod";
import { getDb } from "@/db";
import { requireUser } from "@/lib/auth/session";
import { AppError, errorResponse, toErrorShape } from "@/lib/errors";
import { MAX_SEED_COUNT, seedQuestions } from "@/lib/testing/seed-questions";
import { hooksDisabledResponse, testHooksEnabled } from "@/lib/testing/hooks";
import { sameOriginOnly } from "@/lib/http/same-origin";

const Body = z.object({
  count: z.number().int().min(1).max(MAX_SEED_COUNT).optional(),
  topic: z.string().trim().min(1).max(100).optional(),
  difficulty: z.number().int().min(1).max(5).optional(),
});

async function seed(req: Request) {
  if (!testHooksEnabled()) return hooksDisabledResponse();
  try {
    const user = await requireUser();
    const parsed = Body.safeParse(await req.json().catch(() => ({})));
    if (!parsed.success) throw new AppError("validation", parsed.error.issues[0]?.message ?? "Invalid body.");
    const db = await getDb();
    const result = await db.transaction((tx) => seedQuestions(tx, user.id, parsed.data));
    return Response.json(result, { status: 201 });
  } catch (e) {
    return errorResponse(toErrorShape(e));
  }
}

/** Refused with 403 when it comes from another site (lib/http/same-origin.ts). */
export const POST = sameOriginOnly(seed);
