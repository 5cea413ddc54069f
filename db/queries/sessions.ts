/** Session versions and ended sessions (see db/schema/auth.ts: users.session_version, revoked_sessions). */
import "server-only";
import { eq, lt, sql } from "drizzle-orm";
import { getDb, preparedStatement } from "@/db";
import { revokedSessions, users } from "@/db/schema";

/**
 * What the session check needs in one round trip, two primary-key lookups: the user's session
 * version, and whether this session id was ended. No row: the user no longer exists.
 */
const sessionStateStatement = preparedStatement<{ version: number; revoked: boolean }, { userId: string; sid: string }>(
  () => sql`
    SELECT u.session_version AS version,
           EXISTS (SELECT 1 FROM ${revokedSessions} r WHERE r.sid = ${sql.placeholder("sid")}::uuid) AS revoked
    FROM ${users} u WHERE u.id = ${sql.placeholder("userId")}::uuid`,
);

export async function sessionState(userId: string, sid: string): Promise<{ version: number; revoked: boolean } | null> {
  const [row] = await sessionStateStatement({ userId, sid });
  return row ? { version: Number(row.version), revoked: row.revoked === true } : null;
}

export async function sessionVersion(userId: string): Promise<number | null> {
  const db = await getDb();
  const [row] = await db.select({ v: users.sessionVersion }).from(users).where(eq(users.id, userId)).limit(1);
  return row ? row.v : null;
}

/** Ends one session until `expiresAt` (when its token would lapse anyway); drops long-lapsed entries. */
export async function revokeSession(userId: string, sid: string, expiresAt: Date): Promise<void> {
  const db = await getDb();
  await db.insert(revokedSessions).values({ sid, userId, expiresAt }).onConflictDoNothing();
  await db.delete(revokedSessions).where(lt(revokedSessions.expiresAt, sql`now() - interval '1 day'`));
}

/** Ends every session of the user: tokens carry the version they were issued with. */
export async function bumpSessionVersion(userId: string): Promise<number | null> {
  const db = await getDb();
  const [row] = await db
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId))
    .returning({ v: users.sessionVersion });
  return row ? row.v : null;
}
