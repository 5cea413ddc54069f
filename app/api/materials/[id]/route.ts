/** GET: one of the signed-in student's materials with its live status; another user's is 404. */
import { z } from "zod";
import { requireUser } from "@/lib/auth/session";
import { errorResponse, notFound, toErrorShape } from "@/lib/errors";
import { getUserMaterial } from "@/lib/rag/manage";

export const dynamic = "force-dynamic";

export async function GET(_req: Request, ctx: { params: Promise<{ id: string }> }) {
  try {
    const user = await requireUser();
    const { id } = await ctx.params;
    if (!z.uuid().safeParse(id).success) throw notFound("That material");
    return Response.json({ material: await getUserMaterial(user.id, id) });
  } catch (e) {
    return errorResponse(toErrorShape(e));
  }
}
