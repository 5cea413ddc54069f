/**
 * GET /api/reviews/due?limit=N: the cards due today or earlier in the student's time zone, in the
 * order the Review page serves them, and how many are due in all.
 */
import { dueCards, dueCount } from "@/db/queries/reviews";
import { dueReviewsRoute } from "@/lib/api/routes";
import { authedRoute } from "@/lib/http/route";
import { studentToday } from "@/lib/srs/service";

export const dynamic = "force-dynamic";

export const GET = authedRoute(dueReviewsRoute, async ({ query }, { user }) => {
  const today = await studentToday(user.id);
  const [reviews, total] = await Promise.all([dueCards(user.id, today, query.limit), dueCount(user.id, today)]);
  return { today, total, reviews };
});
