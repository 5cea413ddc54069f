/**
 * GET ?page=N: one page of a material's passages (50) for its page, which fetches them instead of
 * rendering them on the server: a server-rendered passage travels twice (in the HTML and again in
 * the React payload), this way once. Another user's material is 404.
 */
import { listChunks } from "@/db/queries/materials";
import { materialPassagesRoute } from "@/lib/api/routes";
import { authedRoute } from "@/lib/http/route";
import { getUserMaterial } from "@/lib/rag/manage";

export const dynamic = "force-dynamic";

const PER_PAGE = 50;

export const GET = authedRoute(materialPassagesRoute, async ({ params: { id }, query: { page } }, { user }) => {
  const material = await getUserMaterial(user.id, id);
  const passages = await listChunks(user.id, id, { offset: (page - 1) * PER_PAGE, limit: PER_PAGE });
  return { passages, page, pages: Math.max(1, Math.ceil(material.chunkCount / PER_PAGE)) };
});
