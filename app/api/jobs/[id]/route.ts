/** GET /api/jobs/:id: a generation job's status and the questions it saved; another student's job is 404. */
import { generationJobStatus } from "@/lib/ai/jobs";
import { getGenerationJobRoute } from "@/lib/api/routes";
import { authedRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = authedRoute(getGenerationJobRoute, async ({ params }, { user }) => generationJobStatus(user.id, params.id));
