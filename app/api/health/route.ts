/**
 * Readiness probe for tests and deploys: the database answers. No user data. 503 with Retry-After
 * while it does not (fast: the connect timeout bounds the wait).
 */
import { sql } from "drizzle-orm";
import { databaseKind, getDb } from "@/db";
import { UNAVAILABLE_RETRY_SECONDS } from "@/lib/errors";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    const db = await getDb();
    await db.execute(sql`select 1`);
    return Response.json({ ok: true, database: await databaseKind() });
  } catch (e) {
    console.error("[health] database check failed:", e);
    return Response.json(
      { ok: false, database: "down", error: "The database is not answering." },
      { status: 503, headers: { "Retry-After": String(UNAVAILABLE_RETRY_SECONDS), "Cache-Control": "no-store" } },
    );
  }
}
