/**
 * TEST ONLY (404 unless STUDYIN_TEST_HOOKS): records answer history for one of the signed-in
 * user's questions, so browser tests of the bank and analytics need not answer dozens of cards.
 * Body: { questionId, attempts: [{ isCorrect, confidence, seconds, daysAgo }], status? }.
 */
import { z } from "zod";
import { getDb } from "@/db";
import { REVIEW_STATUSES } from "@/db/schema/srs";
import { requireUser } from "@/lib/auth/session";
import { now } from "@/lib/request-clock";
import { AppError, errorResponse, toErrorShape } from "@/lib/errors";
import { seedAttempts, seedReviewStatus } from "@/lib/testing/seed-attempts";
import { hooksDisabledResponse, testHooksEnabled } from "@/lib/testing/hooks";
import { sameOriginOnly } from "@/lib/http/same-origin";

const Body = z.object({
  questionId: z.uuid(),
  attempts: z
    .array(
      z.object({
        isCorrect: z.boolean().default(true),
        confidence: z.number().int().min(1).max(5).default(3),
        seconds: z.number().int().min(1).max(3600).default(90),
        daysAgo: z.number().int().min(0).max(365).default(0),
      }),
    )
    .max(100)
    .default([]),
  status: z.enum(REVIEW_STATUSES).optional(),
});

async function recordAttempts(req: Request) {
  if (!testHooksEnabled()) return hooksDisabledResponse();
  try {
    const user = await requireUser();
    const parsed = Body.safeParse(await req.json().catch(() => ({})));
    if (!parsed.success) throw new AppError("validation", parsed.error.issues[0]?.message ?? "Invalid body.");
    const { questionId, attempts, status } = parsed.data;
    const at = (await now()).getTime();
    const db = await getDb();
    await db.transaction(async (tx) => {
      await seedAttempts(
        tx,
        user.id,
        questionId,
        attempts.map((a) => ({ ...a, answeredAt: new Date(at - a.daysAgo * 86_400_000) })),
      );
      if (status) await seedReviewStatus(tx, user.id, questionId, status);
    });
    return Response.json({ recorded: attempts.length }, { status: 201 });
  } catch (e) {
    return errorResponse(toErrorShape(e));
  }
}

/** Refused with 403 when it comes from another site (lib/http/same-origin.ts). */
export const POST = sameOriginOnly(recordAttempts);
