/**
 * TEST ONLY (404 unless STUDYIN_TEST_HOOKS): records answer history for one of the signed-in
 * user's questions, so browser tests of the bank and analytics need not answer dozens of cards.
 * Body: { questionId, attempts: [{ isCorrect, confidence, seconds, daysAgo }], status? }.
 */
import { z } from "zod";
import { REVIEW_STATUSES } from "@/lib/srs/types";
import { now } from "@/lib/request-clock";
import { authedRoute } from "@/lib/http/route";
import { seedAttemptHistory } from "@/lib/testing/seed-attempts";

const Body = z.object({
  questionId: z.uuid(),
  attempts: z
    .array(
      z.object({
        isCorrect: z.boolean().default(true),
        confidence: z.number().int().min(1).max(5).default(3),
        seconds: z.number().int().min(1).max(3600).default(90),
        daysAgo: z.number().int().min(0).max(365).default(0),
      }),
    )
    .max(100)
    .default([]),
  status: z.enum(REVIEW_STATUSES).optional(),
});

export const POST = authedRoute(
  { method: "POST", path: "/api/test/attempts", summary: "Record answer history (test only)", testHook: true, body: Body, responses: { 201: { description: "Recorded." } } },
  async ({ body: { questionId, attempts, status } }, { user }) => {
    await seedAttemptHistory(user.id, questionId, attempts, status, await now());
    return { recorded: attempts.length };
  },
);
