import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { sessionCookieName, sessionTokenFromCookies, verifySessionToken } from "./session-token";

const secret = "a-test-secret-that-is-long-enough-0123456789";
const salt = "authjs.session-token";
const claims = { sub: "user-1", email: "ada@example.com", name: "Ada" };
const issue = (opts: { secret?: string; salt?: string; maxAge?: number } = {}) =>
  encode({ token: claims, secret: opts.secret ?? secret, salt: opts.salt ?? salt, maxAge: opts.maxAge });

/** Flips one base64url character of part i of a compact JWE. */
function tamper(token: string, i: number): string {
  const parts = token.split(".");
  const p = parts[i]!;
  parts[i] = p.slice(0, 3) + (p[3] === "A" ? "B" : "A") + p.slice(4);
  return parts.join(".");
}

describe("verifySessionToken", () => {
  it("reads a token Auth.js issued (same key derivation, kid, tag and claims)", async () => {
    const token = await issue();
    const got = verifySessionToken(token, secret, salt);
    expect(got).toMatchObject(claims);
    expect(got!.exp - got!.iat).toBe(30 * 24 * 60 * 60);
  });

  it("refuses a token made with another secret or for another cookie name", async () => {
    expect(verifySessionToken(await issue({ secret: "another-secret-another-secret-another" }), secret, salt)).toBeNull();
    const secure = await issue({ salt: "__Secure-authjs.session-token" });
    expect(verifySessionToken(secure, secret, salt)).toBeNull();
    expect(verifySessionToken(secure, secret, "__Secure-authjs.session-token")).toMatchObject(claims);
  });

  it("refuses any change to the header, iv, ciphertext or tag", async () => {
    const token = await issue();
    for (const part of [0, 2, 3, 4]) expect(verifySessionToken(tamper(token, part), secret, salt)).toBeNull();
  });

  it("refuses an expired token, with Auth.js's 15 s tolerance", async () => {
    const token = await issue({ maxAge: 60 });
    const { exp } = verifySessionToken(token, secret, salt)!;
    expect(verifySessionToken(token, secret, salt, exp + 10)).not.toBeNull();
    expect(verifySessionToken(token, secret, salt, exp + 16)).toBeNull();
  });

  it("refuses other algorithms, an encrypted key, and malformed input", async () => {
    const token = await issue();
    const [, ...rest] = token.split(".");
    const gcm = Buffer.from(JSON.stringify({ alg: "dir", enc: "A256GCM" })).toString("base64url");
    expect(verifySessionToken([gcm, ...rest].join("."), secret, salt)).toBeNull();
    const parts = token.split(".");
    parts[1] = "AAAA";
    expect(verifySessionToken(parts.join("."), secret, salt)).toBeNull();
    for (const junk of ["", "a.b.c.d.e", "....", "not-a-token", token.slice(0, -10)])
      expect(verifySessionToken(junk, secret, salt)).toBeNull();
    // Characters outside base64url (which Buffer would silently skip) are refused, not ignored.
    const spaced = token.split(".");
    spaced[3] = `${spaced[3]!.slice(0, 5)}!${spaced[3]!.slice(5)}`;
    expect(verifySessionToken(spaced.join("."), secret, salt)).toBeNull();
  });
});

describe("sessionTokenFromCookies", () => {
  it("reads the named cookie only, and joins chunked cookies in order", () => {
    const plain = "authjs.session-token";
    expect(sessionTokenFromCookies([{ name: "other", value: "x" }], plain)).toBeNull();
    expect(sessionTokenFromCookies([{ name: plain, value: "t" }], plain)).toBe("t");
    expect(sessionTokenFromCookies([{ name: plain, value: "t" }], "__Secure-authjs.session-token")).toBeNull();
    const chunked = [
      { name: `${plain}.1`, value: "B" },
      { name: `${plain}.10`, value: "D" },
      { name: `${plain}.0`, value: "A" },
      { name: `${plain}.2`, value: "C" },
      { name: `${plain}.x`, value: "?" },
    ];
    expect(sessionTokenFromCookies(chunked, plain)).toBe("ABCD");
  });
});

describe("sessionCookieName", () => {
  it("is the __Secure- name exactly when the app's URL is https, as Auth.js decides", () => {
    expect(sessionCookieName("http")).toBe("authjs.session-token");
    expect(sessionCookieName("https")).toBe("__Secure-authjs.session-token");
    expect(sessionCookieName(null)).toBe("__Secure-authjs.session-token");
    expect(sessionCookieName("http", "https://study.example.com")).toBe("__Secure-authjs.session-token");
    expect(sessionCookieName("https", "http://localhost:3000")).toBe("authjs.session-token");
  });
});
