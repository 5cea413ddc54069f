/**
 * An optimistic gate only: visitors without a session cookie are sent to sign-in with a callback
 * to where they were going. The real check (a verified session) happens in every page, action and
 * route. Also passes the path on to layouts, which cannot read it otherwise.
 */
import { NextResponse, type NextRequest } from "next/server";
import { SESSION_COOKIE_NAMES } from "@/lib/auth/session-token";

const PUBLIC = ["/sign-in", "/sign-up"];

export function proxy(req: NextRequest) {
  const { pathname, search } = req.nextUrl;
  const requestHeaders = new Headers(req.headers);
  requestHeaders.set("x-studyin-path", pathname + search);
  const isPublic = pathname === "/" || PUBLIC.some((p) => pathname === p || pathname.startsWith(`${p}/`));
  const hasSession = SESSION_COOKIE_NAMES.some((c) => req.cookies.get(c)?.value || req.cookies.get(`${c}.0`)?.value);
  if (!isPublic && !hasSession) {
    const url = req.nextUrl.clone();
    url.pathname = "/sign-in";
    url.search = `?callbackUrl=${encodeURIComponent(pathname + search)}`;
    return NextResponse.redirect(url);
  }
  return NextResponse.next({ request: { headers: requestHeaders } });
}

// API routes answer for themselves (401/404 JSON, never a redirect) and need no path header, so the
// proxy skips them: it is per-request work on the hottest path (answering).
export const config = {
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico|icon.svg|robots.txt).*)"],
};
