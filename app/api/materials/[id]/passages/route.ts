/**
 * GET ?page=N: one page of a material's passages (50) for its page, which fetches them instead of
 * rendering them on the server: a server-rendered passage travels twice (in the HTML and again in
 * the React payload), this way once. Another user's material is 404.
 */
import { materialPassagesRoute } from "@/lib/api/routes";
import { authedRoute } from "@/lib/http/route";
import { materialPassages } from "@/lib/rag/passages";

export const dynamic = "force-dynamic";

export const GET = authedRoute(materialPassagesRoute, async ({ params: { id }, query: { page } }, { user }) =>
  materialPassages(user.id, id, page),
);
