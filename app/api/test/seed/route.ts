/**
 * TEST ONLY (404 unless STUDYIN_TEST_HOOKS): seeds a ready material and N questions for the
 * signed-in user, so browser tests need no model or upload. Body: { count?: number, topic?: string }.
 */
import { z } from "zod";
import { authedRoute } from "@/lib/http/route";
import { MAX_SEED_COUNT, seedQuestionsInTransaction } from "@/lib/testing/seed-questions";

const Body = z.object({
  count: z.number().int().min(1).max(MAX_SEED_COUNT).optional(),
  topic: z.string().trim().min(1).max(100).optional(),
  difficulty: z.number().int().min(1).max(5).optional(),
});

export const POST = authedRoute(
  { method: "POST", path: "/api/test/seed", summary: "Seed questions (test only)", testHook: true, body: Body, responses: { 201: { description: "Seeded." } } },
  async ({ body }, { user }) => seedQuestionsInTransaction(user.id, body),
);
