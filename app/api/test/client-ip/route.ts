/**
 * TEST ONLY (404 unless STUDYIN_TEST_HOOKS): the address per-IP limits would count this request
 * under, so the browser tests can check that under `next start` it is the socket's address and
 * not a forged X-Forwarded-For (lib/auth/client-ip.ts, instrumentation.ts).
 */
import { headers } from "next/headers";
import { clientIp } from "@/lib/auth/client-ip";
import { hooksDisabledResponse, testHooksEnabled } from "@/lib/testing/hooks";

export const dynamic = "force-dynamic";

export async function GET() {
  if (!testHooksEnabled()) return hooksDisabledResponse();
  return Response.json({ ip: clientIp(await headers()) });
}
