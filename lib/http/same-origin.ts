/**
 * Cross-site request refusal for state-changing route handlers, as Next does for server actions
 * (every route handler runs it through lib/http/route.ts).
 * The session cookie is SameSite=Lax, which stops most cross-site POSTs carrying it, but not all
 * (same-site sibling subdomains, older browsers, top-level navigations of some kinds); this checks
 * what the browser says about where the request came from:
 *
 * - `Sec-Fetch-Site` (every current browser): only "same-origin" and "none" (the user typed or
 *   bookmarked it) pass; "same-site" (a sibling subdomain) and "cross-site" are refused.
 * - `Origin`: must be this app's. With AUTH_URL set, the whole origin must equal it; otherwise its
 *   host must equal the request's host (X-Forwarded-Host or Host), as Next compares for actions, so
 *   a TLS proxy that does not send X-Forwarded-Proto does not turn every POST into a 403.
 * - Neither header: allowed. Browsers send Origin on every cross-origin POST, PUT, PATCH and DELETE,
 *   so only non-browser clients (scripts, curl) arrive without both, and they carry no ambient
 *   cookies for an attacker to borrow.
 *
 * Auth.js's own route (app/api/auth) is not wrapped: each of its POST actions requires its
 * double-submit CSRF token.
 */
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The refusal for a cross-site state-changing request, or null when it may proceed. */
export function crossSiteRefusal(req: Request, authUrl: string | undefined = getEnv().AUTH_URL): AppError | null {
  if (SAFE_METHODS.has(req.method.toUpperCase())) return null;
  const refuse = () => new AppError("forbidden", "This request came from another site and was refused. Use Studyin's own pages.");
  const fetchSite = req.headers.get("sec-fetch-site");
  if (fetchSite && fetchSite !== "same-origin" && fetchSite !== "none") return refuse();
  const origin = req.headers.get("origin");
  if (origin === null) return null;
  let from: URL;
  try {
    from = new URL(origin);
  } catch {
    return refuse(); // "null" (sandboxed frames, some redirects) and anything malformed
  }
  if (authUrl) return from.origin === new URL(authUrl).origin ? null : refuse();
  const host = (req.headers.get("x-forwarded-host") ?? req.headers.get("host") ?? "").split(",")[0]!.trim().toLowerCase();
  return host && from.host === host ? null : refuse();
}
