/**
 * TEST ONLY (404 unless STUDYIN_TEST_HOOKS): the address per-IP limits would count this request
 * under, so the browser tests can check that under `next start` it is the socket's address and
 * not a forged X-Forwarded-For (lib/auth/client-ip.ts, instrumentation.ts).
 */
import { headers } from "next/headers";
import { clientIp } from "@/lib/auth/client-ip";
import { publicRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = publicRoute(
  { method: "GET", path: "/api/test/client-ip", summary: "The address per-IP limits count (test only)", testHook: true, responses: { 200: { description: "The address." } } },
  async () => ({ ip: clientIp(await headers()) }),
);
