/** GET: one of the signed-in student's materials with its live status; another user's is 404. */
import { getMaterialRoute } from "@/lib/api/routes";
import { authedRoute } from "@/lib/http/route";
import { getUserMaterial } from "@/lib/rag/manage";

export const dynamic = "force-dynamic";

export const GET = authedRoute(getMaterialRoute, async ({ params }, { user }) => ({ material: await getUserMaterial(user.id, params.id) }));
