"use server";
/** Materials actions: search, rename, archive, delete (one or several), retry, re-index. Thin: validate, authorise, call lib/rag. */
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction } from "@/lib/actions/client";
import { safeLine } from "@/lib/validation";
import {
  archiveUserMaterial,
  deleteUserMaterial,
  deleteUserMaterials,
  reindexMaterial,
  renameUserMaterial,
  retryMaterial,
} from "@/lib/rag/manage";
import { retrieveContext } from "@/lib/rag/retrieve";

const id = z.uuid({ message: "Unknown material." });

export const searchMaterialsAction = authedAction(
  z.object({
    topic: safeLine().trim().min(2, "Type a topic to search for.").max(300, "Keep the topic under 300 characters."),
    materialId: id.optional(),
  }),
  async ({ topic, materialId }, { user }) =>
    retrieveContext(user.id, topic, materialId ? { materialIds: [materialId] } : {}),
);

export const renameMaterialAction = authedAction(
  z.object({ id, title: safeLine().trim().min(1, "Give the material a title.").max(200, "Keep the title under 200 characters.") }),
  async ({ id, title }, { user }) => {
    await renameUserMaterial(user.id, id, title);
    revalidatePath("/materials");
    return { title };
  },
);

export const archiveMaterialAction = authedAction(
  z.object({ id, archived: z.boolean() }),
  async ({ id, archived }, { user }) => {
    await archiveUserMaterial(user.id, id, archived);
    revalidatePath("/materials");
    return { archived };
  },
);

export const deleteMaterialAction = authedAction(z.object({ id }), async ({ id }, { user }) => {
  const outcome = await deleteUserMaterial(user.id, id);
  revalidatePath("/materials");
  return outcome;
});

export const reindexMaterialAction = authedAction(z.object({ id }), async ({ id }, { user }) => {
  const r = await reindexMaterial(user.id, id);
  revalidatePath("/materials");
  return r;
});

export const deleteMaterialsAction = authedAction(
  z.object({ ids: z.array(id).min(1, "Select at least one material.").max(100, "Select at most 100 materials at a time.") }),
  async ({ ids }, { user }) => {
    const outcomes = await deleteUserMaterials(user.id, ids);
    revalidatePath("/materials");
    return outcomes;
  },
);

export const retryMaterialAction = authedAction(z.object({ id }), async ({ id }, { user }) => {
  await retryMaterial(user.id, id);
  revalidatePath("/materials");
  return { id };
});
