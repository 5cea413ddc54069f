/**
 * POST /api/questions/answers/batch: several answers recorded together in one transaction (a timed
 * block's submission; db/queries/answer-batch.ts). Body: { answers: [{ questionId, selectedIndex,
 * confidence, timeTakenSeconds, idempotencyKey }, ...] } (1-40, in the order they were given).
 * Answers 200 with one outcome per answer, in order; a repeated answer (same key) comes back with
 * `replayed: true`. Any invalid or refused answer rejects the whole batch and writes nothing:
 * 400 for a malformed body, 404 when a question is missing or another student's, 429 too_fast,
 * 409 for a key already used on another question.
 */
import { fieldErrors } from "@/lib/actions/client";
import { requireUser } from "@/lib/auth/session";
import { AppError, errorResponse, toErrorShape } from "@/lib/errors";
import { sameOriginOnly } from "@/lib/http/same-origin";
import { AnswerBatchInput } from "@/lib/srs/input";
import { answerBatch } from "@/lib/srs/service";

async function batch(req: Request) {
  try {
    const user = await requireUser();
    const body = await req.json().catch(() => null);
    const parsed = AnswerBatchInput.safeParse(body);
    if (!parsed.success) {
      // A malformed question id cannot be anyone's question: 404, as on the single route.
      if (parsed.error.issues.some((i) => i.path[0] === "answers" && i.path[2] === "questionId"))
        throw new AppError("not_found", "One of those questions was not found.");
      const fields = fieldErrors(parsed.error);
      throw new AppError("validation", Object.entries(fields).map(([k, v]) => `${k}: ${v}`)[0] ?? "Invalid body.", { fields });
    }
    const outcomes = await answerBatch(user.id, parsed.data.answers);
    return Response.json({ outcomes }, { headers: { "cache-control": "private, no-store" } });
  } catch (e) {
    return errorResponse(toErrorShape(e));
  }
}

/** Refused with 403 when it comes from another site (lib/http/same-origin.ts). */
export const POST = sameOriginOnly(batch);
