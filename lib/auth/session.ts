/** Session helpers: every page, action and route goes through one of these. */
import "server-only";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { AppError } from "@/lib/errors";
import { auth } from "./config";
import { authSecret } from "./secret";
import { sessionTokenFromCookies, verifySessionToken } from "./session-token";

export type SessionUser = { id: string; email: string; name: string | null };

/**
 * A cookie issued less than this long ago is checked directly (lib/auth/session-token.ts); an older
 * one goes through Auth.js's auth(), which re-issues it where the response can carry a cookie
 * (actions, routes), so the 30-day expiry still slides, at most once a day.
 */
export const SESSION_REFRESH_SECONDS = 24 * 60 * 60;

export async function currentUser(): Promise<SessionUser | null> {
  const found = sessionTokenFromCookies((await cookies()).getAll());
  if (!found) return null;
  const claims = verifySessionToken(found.token, authSecret(), found.name);
  if (claims && Date.now() / 1000 - claims.iat < SESSION_REFRESH_SECONDS)
    return { id: claims.sub, email: claims.email, name: claims.name };
  const session = await auth();
  const u = session?.user;
  if (!u?.id || !u.email) return null;
  return { id: u.id, email: u.email, name: u.name ?? null };
}

/** For actions and routes: the user, or an "unauthorized" AppError. */
export async function requireUser(): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) throw new AppError("unauthorized", "Your session has ended. Please sign in again.");
  return user;
}

/** For pages: the user, or a redirect to sign-in that comes back here afterwards. */
export async function requirePageUser(): Promise<SessionUser> {
  const user = await currentUser();
  if (user) return user;
  const path = (await headers()).get("x-studyin-path") ?? "/dashboard";
  redirect(`/sign-in?callbackUrl=${encodeURIComponent(path)}`);
}
