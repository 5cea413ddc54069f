/**
 * Where to send a student after signing in. A callbackUrl comes from the query string, a form or
 * Auth.js, so it is attacker-controlled: it is parsed with `new URL` against the app's origin and
 * accepted only when the result is on that origin, and what comes back is a path (ASCII, percent-
 * encoded) that no browser can read as another host.
 *
 * Refused outright, before parsing: control characters and whitespace, raw or percent-encoded
 * (browsers strip tabs and newlines from a Location, so `/\t/evil` becomes `//evil`; a newline is
 * also a 500 in a header), and backslashes (browsers read `\` as `/`). After parsing: any other
 * origin or scheme, a path that normalised to `//…`, and the auth pages themselves.
 */
const MAX_LENGTH = 2000;
/** C0/C1 controls, DEL, and every Unicode space or line/paragraph separator. */
const CONTROL_OR_SPACE = /[\u0000-\u0020\u007F-\u00A0\u1680\u2000-\u200B\u2028\u2029\u202F\u205F\u3000\uFEFF]/;
/** The same, percent-encoded (C0 controls, space, DEL). */
const ENCODED_CONTROL = /%(?:[01][0-9a-f]|20|7f)/i;
const NOT_A_DESTINATION = ["/sign-in", "/sign-up", "/api/"];

/** The same-origin path `raw` points to (path, query and fragment), or null when it is not one. */
export function sameOriginPath(raw: unknown, origin: string): string | null {
  if (typeof raw !== "string" || raw === "" || raw.length > MAX_LENGTH) return null;
  if (CONTROL_OR_SPACE.test(raw) || ENCODED_CONTROL.test(raw) || raw.includes("\\")) return null;
  // A relative input must be a rooted path ("evil.example" would resolve against the origin).
  if (!/^https?:\/\//i.test(raw) && !raw.startsWith("/")) return null;
  let base: URL;
  let url: URL;
  try {
    base = new URL(origin);
    url = new URL(raw, base);
  } catch {
    return null;
  }
  if (url.origin !== base.origin || (url.protocol !== "http:" && url.protocol !== "https:")) return null;
  if (url.username || url.password) return null;
  const path = url.pathname;
  if (!path.startsWith("/") || path.startsWith("//") || path.includes("\\")) return null;
  return `${path}${url.search}${url.hash}`;
}

/** Where to go after signing in: a same-origin path that is not an auth page, else `fallback`. */
export function safeCallbackUrl(raw: unknown, origin: string, fallback = "/dashboard"): string {
  const path = sameOriginPath(raw, origin);
  if (!path) return fallback;
  const lower = path.toLowerCase().replace(/[?#].*$/, "");
  if (NOT_A_DESTINATION.some((p) => lower === p.replace(/\/$/, "") || lower.startsWith(p.endsWith("/") ? p : `${p}/`)))
    return fallback;
  return path;
}
