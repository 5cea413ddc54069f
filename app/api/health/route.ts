/**
 * Readiness probe for tests and deploys: the database answers. No user data, no session. 503 with
 * Retry-After and the one error shape while it does not (fast: the connect timeout bounds the wait).
 */
import { sql } from "drizzle-orm";
import { databaseKind, getDb } from "@/db";
import { healthRoute } from "@/lib/api/routes";
import { UNAVAILABLE_RETRY_SECONDS, databaseUnavailable } from "@/lib/errors";
import { publicRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = publicRoute(healthRoute, async () => {
  try {
    const db = await getDb();
    await db.execute(sql`select 1`);
    return { ok: true, database: await databaseKind() };
  } catch (e) {
    console.error("[health] database check failed:", e);
    return Response.json(
      { ok: false, database: "down", error: databaseUnavailable().toShape() },
      { status: 503, headers: { "Retry-After": String(UNAVAILABLE_RETRY_SECONDS), "Cache-Control": "no-store" } },
    );
  }
});
