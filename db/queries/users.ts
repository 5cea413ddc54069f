/** Users and their gamification profile. */
import "server-only";
import { eq } from "drizzle-orm";
import { getDb, type Queryable } from "@/db";
import { userProfiles, users } from "@/db/schema";
import { isUniqueViolation } from "./errors";

export async function findUserByEmail(email: string) {
  const db = await getDb();
  const [row] = await db
    .select({ id: users.id, email: users.email, name: users.name, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, email.toLowerCase()))
    .limit(1);
  return row ?? null;
}

/** Creates a user with a password and their profile, in one transaction; null if the email is taken. */
export async function createUserWithPassword(input: {
  email: string;
  name?: string;
  passwordHash: string;
  timezone?: string;
}) {
  const db = await getDb();
  try {
    return await db.transaction(async (tx) => {
      const [user] = await tx
        .insert(users)
        .values({ email: input.email.toLowerCase(), name: input.name ?? null, passwordHash: input.passwordHash })
        .returning({ id: users.id, email: users.email, name: users.name });
      await tx.insert(userProfiles).values({ userId: user!.id, timezone: input.timezone ?? "UTC" });
      return user!;
    });
  } catch (e) {
    if (isUniqueViolation(e)) return null;
    throw e;
  }
}

/** Makes sure a profile row exists (OAuth users are created by the Auth.js adapter). */
export async function ensureProfile(userId: string, db?: Queryable) {
  const q = db ?? (await getDb());
  await q.insert(userProfiles).values({ userId }).onConflictDoNothing();
}

export async function getProfile(userId: string) {
  const db = await getDb();
  const [row] = await db.select().from(userProfiles).where(eq(userProfiles.userId, userId)).limit(1);
  return row ?? null;
}
