/**
 * The app's own origin for a request: AUTH_URL's when set (what an operator says the public URL
 * is), otherwise the scheme and host Next puts on every request (X-Forwarded-Proto / Host, which
 * Auth.js trusts too with `trustHost`).
 */
import { getEnv } from "@/lib/env";

export function appOrigin(headers: Headers, authUrl: string | undefined = getEnv().AUTH_URL): string {
  if (authUrl) return new URL(authUrl).origin;
  const proto = (headers.get("x-forwarded-proto") ?? "http").split(",")[0]!.trim() || "http";
  const host = (headers.get("x-forwarded-host") ?? headers.get("host") ?? "localhost").split(",")[0]!.trim();
  return `${proto}://${host}`;
}
