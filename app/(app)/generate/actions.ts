"use server";
import { z } from "zod";
import { authedAction } from "@/lib/actions/client";
import { acceptPreview } from "@/lib/ai/accept-preview";

/** Saves one accepted preview card to the student's bank. */
export const acceptPreviewQuestion = authedAction(z.object({ token: z.string().min(10).max(200_000) }), async ({ token }, { user }) =>
  acceptPreview(user.id, token),
);
