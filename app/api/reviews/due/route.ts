/**
 * GET /api/reviews/due?limit=N: the cards due today or earlier in the student's time zone, in the
 * order the Review page serves them, and how many are due in all.
 */
import { dueReviewsRoute } from "@/lib/api/routes";
import { authedRoute } from "@/lib/http/route";
import { dueReviews } from "@/lib/srs/service";

export const dynamic = "force-dynamic";

export const GET = authedRoute(dueReviewsRoute, async ({ query }, { user }) => dueReviews(user.id, query.limit));
