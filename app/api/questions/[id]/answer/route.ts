/**
 * POST /api/questions/:id/answer: the JSON form of the answer action (same service, same checks).
 * Body: { selectedIndex, confidence, timeTakenSeconds, idempotencyKey }. Another student's question
 * (or a malformed id) is 404; a repeat within ANSWER_MIN_INTERVAL_SECONDS is 429 too_fast; a
 * repeated idempotency key returns the first result with `replayed: true`.
 */
import { answerQuestionRoute } from "@/lib/api/routes";
import { authedRoute } from "@/lib/http/route";
import { answerQuestion } from "@/lib/srs/service";

export const POST = authedRoute(answerQuestionRoute, async ({ params, body }, { user }) =>
  // A private, one-off result of ~2 KB: never cached, and not worth gzip's CPU on the hot path.
  Response.json(await answerQuestion(user.id, { ...body, questionId: params.id }), {
    headers: { "cache-control": "private, no-store, no-transform" },
  }),
);
