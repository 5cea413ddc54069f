/**
 * An optimistic gate only: visitors without a session cookie are sent to sign-in with a callback
 * to where they were going. The real check (a verified session) happens in every page, action and
 * route. Also passes the path on to layouts, which cannot read it otherwise.
 */
import { NextResponse, type NextRequest } from "next/server";

const PUBLIC = ["/sign-in", "/sign-up", "/api/auth", "/api/health"];
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

export function proxy(req: NextRequest) {
  const { pathname, search } = req.nextUrl;
  const requestHeaders = new Headers(req.headers);
  requestHeaders.set("x-studyin-path", pathname + search);
  const isPublic = pathname === "/" || PUBLIC.some((p) => pathname === p || pathname.startsWith(`${p}/`));
  const hasSession = SESSION_COOKIES.some((c) => req.cookies.get(c)?.value || req.cookies.get(`${c}.0`)?.value);
  if (!isPublic && !hasSession && !pathname.startsWith("/api/")) {
    const url = req.nextUrl.clone();
    url.pathname = "/sign-in";
    url.search = `?callbackUrl=${encodeURIComponent(pathname + search)}`;
    return NextResponse.redirect(url);
  }
  return NextResponse.next({ request: { headers: requestHeaders } });
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg|robots.txt).*)"],
};
