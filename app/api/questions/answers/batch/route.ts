/**
 * POST /api/questions/answers/batch: several answers recorded together in one transaction (a timed
 * block's submission; db/queries/answer-batch.ts). Body: { answers: [{ questionId, selectedIndex,
 * confidence, timeTakenSeconds, idempotencyKey }, ...] } (1-40, in the order they were given).
 * Answers 200 with one outcome per answer, in order; a repeated answer (same key) comes back with
 * `replayed: true`. Any invalid or refused answer rejects the whole batch and writes nothing:
 * 400 for a malformed body, 404 when a question is missing, malformed or another student's, 429
 * too_fast, 409 for a key already used on another question.
 */
import { answerBatchRoute } from "@/lib/api/routes";
import { authedRoute } from "@/lib/http/route";
import { answerBatch } from "@/lib/srs/service";

export const POST = authedRoute(answerBatchRoute, async ({ body }, { user }) => ({ outcomes: await answerBatch(user.id, body.answers) }));
