/** POST /api/jobs/:id/cancel: Cancel as JSON (the Generate page uses the cancelGeneration action). */
import { cancelGenerationRoute } from "@/lib/api/routes";
import { cancelGeneration } from "@/lib/ai/start";
import { authedRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const POST = authedRoute(cancelGenerationRoute, async ({ params }, { user }) => cancelGeneration(user.id, params.id));
