/**
 * Reads the Auth.js session cookie directly, for the session check every request makes.
 *
 * Auth.js (JWT strategy) keeps the session in a JWE: alg "dir", enc "A256CBC-HS512", the key
 * HKDF-SHA256(secret, salt = cookie name, info = "Auth.js Generated Encryption Key (<salt>)", 64
 * bytes). Its auth() derives that key, decrypts through WebCrypto and encrypts a fresh cookie on
 * every call: about 1.1 ms of CPU per request on our machines (decode 0.68 ms + encode 0.43 ms),
 * the largest single cost of answering a question. Here the key is derived once and the token is
 * checked with node:crypto (~15 µs).
 *
 * What is checked, as jose does for Auth.js: compact JWE with an empty encrypted key; header alg
 * "dir", enc "A256CBC-HS512", no "zip"/"crit", kid (when present) equal to the key's thumbprint;
 * the authentication tag (RFC 7518 §5.2.2, compared in constant time) before anything is
 * decrypted; exp and nbf with Auth.js's 15 s clock tolerance. Anything else is "not verified here"
 * (null), and the caller falls back to Auth.js itself, so an unusual but valid token still works.
 *
 * This mirrors a session callback that only copies the token's sub/email/name (lib/auth/config.ts);
 * the jwt callback's check that the session was not ended is made by the caller
 * (lib/auth/session.ts, lib/auth/revocation.ts). If those callbacks add checks, add them there too.
 */
import crypto from "node:crypto";

export const SESSION_COOKIE_NAMES = ["__Secure-authjs.session-token", "authjs.session-token"] as const;
export type SessionCookieName = (typeof SESSION_COOKIE_NAMES)[number];
/** How long a session cookie lives after it is (re-)issued. */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
const CLOCK_TOLERANCE_SECONDS = 15;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

export type SessionClaims = {
  sub: string;
  email: string;
  name: string | null;
  iat: number;
  exp: number;
  /** Every claim as issued, to re-issue the cookie with. */
  payload: Record<string, unknown>;
};

/**
 * The one cookie name Auth.js reads for this request: `__Secure-` when the app's URL is https —
 * AUTH_URL when set, else the X-Forwarded-Proto Next puts on every request (https when absent),
 * as Auth.js decides it. Only that name is accepted, so a plain-http cookie cannot stand in for
 * the prefixed one on an https site.
 */
export function sessionCookieName(forwardedProto: string | null, authUrl?: string): SessionCookieName {
  const protocol = authUrl ? new URL(authUrl).protocol : forwardedProto ?? "https";
  return protocol.replace(/:$/, "") === "https" ? "__Secure-authjs.session-token" : "authjs.session-token";
}

type Key = { macKey: Buffer; encKey: Buffer; kid: string };
const keys = new Map<string, Key>();

function keyFor(secret: string, salt: string): Key {
  const id = `${salt}\u0000${secret}`;
  let key = keys.get(id);
  if (!key) {
    const raw = Buffer.from(crypto.hkdfSync("sha256", secret, salt, `Auth.js Generated Encryption Key (${salt})`, 64));
    // RFC 7638 thumbprint of the oct JWK, as Auth.js puts it in the header's kid (SHA-512 for 64 bytes).
    const jwk = JSON.stringify({ k: raw.toString("base64url"), kty: "oct" });
    const kid = crypto.createHash("sha512").update(jwk).digest("base64url");
    key = { macKey: raw.subarray(0, 32), encKey: raw.subarray(32), kid };
    keys.set(id, key);
  }
  return key;
}

/** The session token under `name` (joining Auth.js's chunked `name.0`, `name.1`, …), if any. */
export function sessionTokenFromCookies(cookies: ReadonlyArray<{ name: string; value: string }>, name: string): string | null {
  const whole = cookies.find((c) => c.name === name)?.value;
  if (whole) return whole;
  const chunks = cookies
    .filter((c) => c.name.startsWith(`${name}.`) && /^\d+$/.test(c.name.slice(name.length + 1)))
    .sort((a, b) => Number(a.name.slice(name.length + 1)) - Number(b.name.slice(name.length + 1)));
  return chunks.length ? chunks.map((c) => c.value).join("") : null;
}

/**
 * The claims of an Auth.js session token, or null when it is not one this function can verify
 * (tampered, another secret, expired, not yet valid, another algorithm, malformed).
 */
export function verifySessionToken(token: string, secret: string, salt: string, nowSeconds = Date.now() / 1000): SessionClaims | null {
  const parts = token.split(".");
  if (parts.length !== 5) return null;
  const [h, encryptedKey, ivB64, ctB64, tagB64] = parts as [string, string, string, string, string];
  if (encryptedKey !== "" || !parts.every((p) => BASE64URL.test(p))) return null;
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(h, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  if (!header || typeof header !== "object") return null;
  if (header.alg !== "dir" || header.enc !== "A256CBC-HS512" || "zip" in header || "crit" in header) return null;
  const key = keyFor(secret, salt);
  if (header.kid !== undefined && header.kid !== key.kid) return null;

  const iv = Buffer.from(ivB64, "base64url");
  const ciphertext = Buffer.from(ctB64, "base64url");
  const tag = Buffer.from(tagB64, "base64url");
  if (iv.length !== 16 || tag.length !== 32 || ciphertext.length === 0 || ciphertext.length % 16 !== 0) return null;
  const aad = Buffer.from(h, "ascii");
  const aadBits = Buffer.alloc(8);
  aadBits.writeBigUInt64BE(BigInt(aad.length) * 8n);
  const mac = crypto.createHmac("sha512", key.macKey).update(aad).update(iv).update(ciphertext).update(aadBits).digest();
  if (!crypto.timingSafeEqual(mac.subarray(0, 32), tag)) return null;

  let claims: Record<string, unknown>;
  try {
    const decipher = crypto.createDecipheriv("aes-256-cbc", key.encKey, iv);
    claims = JSON.parse(Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8"));
  } catch {
    return null;
  }
  if (!claims || typeof claims !== "object") return null;
  const { sub, email, name, iat, exp, nbf } = claims;
  if (typeof exp !== "number" || exp <= nowSeconds - CLOCK_TOLERANCE_SECONDS) return null;
  if (nbf !== undefined && (typeof nbf !== "number" || nbf > nowSeconds + CLOCK_TOLERANCE_SECONDS)) return null;
  if (typeof iat !== "number" || typeof sub !== "string" || !sub || typeof email !== "string" || !email) return null;
  return { sub, email, name: typeof name === "string" ? name : null, iat, exp, payload: claims };
}
