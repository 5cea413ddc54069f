/**
 * POST /api/questions/:id/answer: the JSON form of the answer action (same service, same checks).
 * Body: { selectedIndex, confidence, timeTakenSeconds, idempotencyKey }. Another student's question
 * is 404; a repeat within ANSWER_MIN_INTERVAL_SECONDS is 429 too_fast; a repeated idempotency key
 * returns the first result with `replayed: true`.
 */
import { fieldErrors } from "@/lib/actions/client";
import { requireUser } from "@/lib/auth/session";
import { AppError, errorResponse, toErrorShape } from "@/lib/errors";
import { AnswerInput } from "@/lib/srs/input";
import { answerQuestion } from "@/lib/srs/service";
import { sameOriginOnly } from "@/lib/http/same-origin";

async function answer(req: Request, ctx: { params: Promise<{ id: string }> }) {
  try {
    const user = await requireUser();
    const { id } = await ctx.params;
    const body = await req.json().catch(() => null);
    const parsed = AnswerInput.safeParse({ ...(body && typeof body === "object" ? body : {}), questionId: id });
    if (!parsed.success) {
      if (parsed.error.issues.some((i) => i.path[0] === "questionId")) throw new AppError("not_found", "That question was not found.");
      const fields = fieldErrors(parsed.error);
      throw new AppError("validation", Object.entries(fields).map(([k, v]) => `${k}: ${v}`)[0] ?? "Invalid body.", { fields });
    }
    // A private, one-off result of ~2 KB: never cached, and not worth gzip's CPU on the hot path.
    return Response.json(await answerQuestion(user.id, parsed.data), { headers: { "cache-control": "private, no-store, no-transform" } });
  } catch (e) {
    return errorResponse(toErrorShape(e));
  }
}

/** Refused with 403 when it comes from another site (lib/http/same-origin.ts). */
export const POST = sameOriginOnly(answer);
