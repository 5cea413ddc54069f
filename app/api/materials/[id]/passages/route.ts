/**
 * GET ?page=N: one page of a material's passages (50) for its page, which fetches them instead of
 * rendering them on the server: a server-rendered passage travels twice (in the HTML and again in
 * the React payload), this way once. Another user's material is 404.
 */
import { z } from "zod";
import { listChunks } from "@/db/queries/materials";
import { requireUser } from "@/lib/auth/session";
import { errorResponse, notFound, toErrorShape } from "@/lib/errors";
import { getUserMaterial } from "@/lib/rag/manage";

export const dynamic = "force-dynamic";

const PER_PAGE = 50;
const PageNumber = z.coerce.number().int().min(1).max(10_000).catch(1);

export async function GET(req: Request, ctx: { params: Promise<{ id: string }> }) {
  try {
    const user = await requireUser();
    const { id } = await ctx.params;
    if (!z.uuid().safeParse(id).success) throw notFound("That material");
    const material = await getUserMaterial(user.id, id);
    const page = PageNumber.parse(new URL(req.url).searchParams.get("page") ?? undefined);
    const passages = await listChunks(user.id, id, { offset: (page - 1) * PER_PAGE, limit: PER_PAGE });
    return Response.json({ passages, page, pages: Math.max(1, Math.ceil(material.chunkCount / PER_PAGE)) });
  } catch (e) {
    return errorResponse(toErrorShape(e));
  }
}
