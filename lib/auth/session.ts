/** Session helpers: every page, action and route goes through one of these. */
import "server-only";
import { encode } from "next-auth/jwt";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { auth } from "./config";
import { isSessionLive, sessionRef } from "./revocation";
import { authSecret } from "./secret";
import {
  SESSION_MAX_AGE_SECONDS,
  type SessionClaims,
  type SessionCookieName,
  sessionCookieName,
  sessionTokenFromCookies,
  verifySessionToken,
} from "./session-token";

export type SessionUser = { id: string; email: string; name: string | null };

/**
 * A session cookie issued longer ago than this is re-issued (new 30-day expiry) by the next action
 * or route that sees it, so a student who studies at least monthly stays signed in. Auth.js's own
 * auth() in the App Router returns the session without setting a cookie, so nothing else does.
 */
export const SESSION_REFRESH_SECONDS = 24 * 60 * 60;

type CookieJar = Awaited<ReturnType<typeof cookies>>;

export async function currentUser(): Promise<SessionUser | null> {
  const [jar, h] = await Promise.all([cookies(), headers()]);
  const name = sessionCookieName(h.get("x-forwarded-proto"), getEnv().AUTH_URL);
  const token = sessionTokenFromCookies(jar.getAll(), name);
  if (!token) return null;
  const claims = verifySessionToken(token, authSecret(), name);
  if (claims) {
    // Ended sessions (sign-out, sign-out everywhere) are refused before anything else, so a
    // revoked cookie is never re-issued either.
    const ref = sessionRef(claims.payload);
    if (!ref || !(await isSessionLive(ref))) return null;
    if (Date.now() / 1000 - claims.iat >= SESSION_REFRESH_SECONDS) await reissue(jar, name, claims);
    return { id: claims.sub, email: claims.email, name: claims.name };
  }
  // Not a token this process can read (tampered, expired, another secret, or an older format):
  // Auth.js decides, so anything it still accepts keeps working; its jwt callback
  // (lib/auth/config.ts) applies the same session check.
  const session = await auth();
  const u = session?.user;
  if (!u?.id || !u.email) return null;
  return { id: u.id, email: u.email, name: u.name ?? null };
}

async function reissue(jar: CookieJar, name: SessionCookieName, claims: SessionClaims) {
  // Everything as issued but the timing and id claims, which encode() sets afresh.
  const token = Object.fromEntries(Object.entries(claims.payload).filter(([k]) => !["iat", "exp", "jti"].includes(k)));
  try {
    const fresh = await encode({ token, secret: authSecret(), salt: name, maxAge: SESSION_MAX_AGE_SECONDS });
    jar.set(name, fresh, {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: name.startsWith("__Secure-"),
      maxAge: SESSION_MAX_AGE_SECONDS,
    });
  } catch {
    // A page render cannot set cookies; the next action or route will.
  }
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
