/**
 * GET /api/questions/:id: one question as its page shows it (key, explanations, passages, answers).
 * DELETE /api/questions/:id: what the bank's Delete does (the same function as deleteQuestionAction).
 * Another student's question, or a malformed id, is 404.
 */
import { deleteQuestionRoute, getQuestionRoute } from "@/lib/api/routes";
import { deleteQuestion, questionDetail } from "@/lib/bank/service";
import { authedRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = authedRoute(getQuestionRoute, async ({ params }, { user }) => {
  return { question: await questionDetail(user.id, params.id) };
});

export const DELETE = authedRoute(deleteQuestionRoute, async ({ params }, { user }) => {
  await deleteQuestion(user.id, params.id);
  return { deleted: params.id };
});
