/**
 * POST /api/generate: starts one generation job per topic (the startGeneration action as JSON) and
 * answers 202 with the jobs at once. Limits and a topic the material does not cover are refused
 * before any job exists (429, 400). Each job's events: GET /api/jobs/:id/stream.
 */
import { headers } from "next/headers";
import { startGenerations } from "@/lib/ai/start";
import { generateRoute } from "@/lib/api/routes";
import { clientIp } from "@/lib/auth/client-ip";
import { authedRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const POST = authedRoute(generateRoute, async ({ body }, { user }) => ({
  jobs: await startGenerations(user.id, body, { ip: clientIp(await headers()) }),
}));
