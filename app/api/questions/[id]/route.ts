/**
 * GET /api/questions/:id: one question as its page shows it (key, explanations, passages, answers).
 * DELETE /api/questions/:id: what the bank's Delete does (the same function as deleteQuestionAction).
 * Another student's question, or a malformed id, is 404.
 */
import { deleteQuestion, getQuestionDetail } from "@/db/queries/questions";
import { deleteQuestionRoute, getQuestionRoute } from "@/lib/api/routes";
import { notFound } from "@/lib/errors";
import { authedRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = authedRoute(getQuestionRoute, async ({ params }, { user }) => {
  const question = await getQuestionDetail(user.id, params.id);
  if (!question) throw notFound("That question");
  return { question };
});

export const DELETE = authedRoute(deleteQuestionRoute, async ({ params }, { user }) => {
  await deleteQuestion(user.id, params.id);
  return { deleted: params.id };
});
