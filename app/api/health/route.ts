/** Readiness probe for tests and deploys: the database answers. No user data. */
import { sql } from "drizzle-orm";
import { databaseKind, getDb } from "@/db";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    const db = await getDb();
    await db.execute(sql`select 1`);
    return Response.json({ ok: true, database: await databaseKind() });
  } catch (e) {
    console.error("[health] database check failed:", e);
    return Response.json({ ok: false, error: "The database is not answering." }, { status: 503 });
  }
}
