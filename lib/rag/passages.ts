/** A material's passages a page at a time, for its page and the JSON API; another user's material is not found. */
import "server-only";
import { listChunks } from "@/db/queries/materials";
import { getUserMaterial } from "./manage";

export const PASSAGES_PER_PAGE = 50;

export async function materialPassages(userId: string, materialId: string, page: number) {
  const material = await getUserMaterial(userId, materialId);
  const passages = await listChunks(userId, materialId, { offset: (page - 1) * PASSAGES_PER_PAGE, limit: PASSAGES_PER_PAGE });
  return { passages, page, pages: Math.max(1, Math.ceil(material.chunkCount / PASSAGES_PER_PAGE)) };
}
