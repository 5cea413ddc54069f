"use server";
import { headers } from "next/headers";
import { z } from "zod";
import { authedAction } from "@/lib/actions/client";
import { acceptPreview, discardPreview } from "@/lib/ai/accept-preview";
import { cancelGeneration as cancelJob, startGenerations } from "@/lib/ai/start";
import { startGenerationSchema } from "@/lib/ai/request";
import { clientIp } from "@/lib/auth/client-ip";

/**
 * Starts a generation for each topic: checks the limits, retrieves the passages, creates the jobs and
 * queues them. Returns at once with each job's id and passages; the page then follows each job's
 * stream (GET /api/jobs/:id/stream).
 */
export const startGeneration = authedAction(startGenerationSchema, async (input, { user }) => ({
  jobs: await startGenerations(user.id, input, { ip: clientIp(await headers()) }),
}));

/** Stops a job: a run in progress stops its model call within a second, a waiting one never starts. */
export const cancelGeneration = authedAction(z.object({ jobId: z.uuid() }), async ({ jobId }, { user }) => cancelJob(user.id, jobId));

/** Saves one accepted preview card to the student's bank. */
export const acceptPreviewQuestion = authedAction(z.object({ token: z.string().min(10).max(200_000) }), async ({ token }, { user }) =>
  acceptPreview(user.id, token),
);

/** Discards one preview card (kept on the job as discarded, so a reopened job shows the decision). */
export const discardPreviewQuestion = authedAction(z.object({ jobId: z.uuid(), cardId: z.string().min(1).max(40) }), async ({ jobId, cardId }, { user }) =>
  discardPreview(user.id, jobId, cardId),
);
