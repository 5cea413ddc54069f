/**
 * Ending sessions before their tokens expire. Every session token carries `sid` (a random id for
 * this sign-in, kept when the cookie is re-issued) and `sv` (the user's session version when it was
 * issued). A session is live while its `sv` equals users.session_version and its `sid` is not in
 * revoked_sessions: signing out revokes the sid, "Sign out of all devices" bumps the version.
 *
 * The check is one round trip (two primary-key lookups). Its answer is cached in this process for
 * SESSION_CHECK_CACHE_SECONDS (default 5) per session, so a student answering back to back costs
 * one lookup per few seconds, not one per request. Ending sessions clears this process's entries for
 * the user at once; another app instance notices within that many seconds.
 */
import "server-only";
import crypto from "node:crypto";
import { bumpSessionVersion, revokeSession, sessionState, sessionVersion } from "@/db/queries/sessions";
import { getEnv } from "@/lib/env";

export type SessionRef = { sub: string; sid: string; sv: number };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_CACHED = 10_000;

/** The session's identity in a token's claims, or null for a token without one (refused). */
export function sessionRef(claims: Record<string, unknown>): SessionRef | null {
  const { sub, sid, sv } = claims;
  if (typeof sub !== "string" || !UUID.test(sub)) return null;
  if (typeof sid !== "string" || !UUID.test(sid)) return null;
  if (typeof sv !== "number" || !Number.isInteger(sv) || sv < 0) return null;
  return { sub, sid, sv };
}

/** The claims a new session gets at sign-in. */
export async function newSessionClaims(userId: string): Promise<{ sid: string; sv: number }> {
  return { sid: crypto.randomUUID(), sv: (await sessionVersion(userId)) ?? 0 };
}

type Entry = { live: boolean; until: number };
const globalForSessions = globalThis as unknown as { __studyinSessionChecks?: Map<string, Entry> };
const cache = () => (globalForSessions.__studyinSessionChecks ??= new Map());
const keyOf = (r: SessionRef) => `${r.sub}:${r.sid}:${r.sv}`;

export async function isSessionLive(ref: SessionRef): Promise<boolean> {
  const ttlMs = getEnv().SESSION_CHECK_CACHE_SECONDS * 1000;
  const now = Date.now();
  const hit = ttlMs > 0 ? cache().get(keyOf(ref)) : undefined;
  if (hit && hit.until > now) return hit.live;
  const state = await sessionState(ref.sub, ref.sid);
  const live = state !== null && !state.revoked && state.version === ref.sv;
  if (ttlMs > 0) {
    if (cache().size >= MAX_CACHED) cache().clear();
    cache().set(keyOf(ref), { live, until: now + ttlMs });
  }
  return live;
}

function forgetUser(userId: string) {
  for (const key of cache().keys()) if (key.startsWith(`${userId}:`)) cache().delete(key);
}

/** Ends one session (sign-out): its token is refused from now on, wherever it was copied to. */
export async function endSession(ref: SessionRef, expiresAtSeconds: number): Promise<void> {
  await revokeSession(ref.sub, ref.sid, new Date(expiresAtSeconds * 1000));
  forgetUser(ref.sub);
}

/** Ends every session of the user ("Sign out of all devices", a password change). */
export async function endAllSessions(userId: string): Promise<void> {
  await bumpSessionVersion(userId);
  forgetUser(userId);
}
