/**
 * Every server action goes through authedAction: without a valid session it is refused before the
 * input is even parsed. Exercised with Auth.js's real session decoding (next/headers stood in by a
 * request's headers, as Next would provide them).
 */
import crypto from "node:crypto";
import { decode, encode } from "next-auth/jwt";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";

let cookieHeader = "";
let proto = "http";
const setCookie = vi.fn();
vi.mock("next/headers", () => ({
  // Next sets host and x-forwarded-proto on every request; Auth.js derives the cookie name from them.
  headers: async () =>
    new Headers({ host: "localhost:3000", "x-forwarded-proto": proto, ...(cookieHeader ? { cookie: cookieHeader } : {}) }),
  cookies: async () => {
    const jar = new Map(
      cookieHeader
        .split(";")
        .filter(Boolean)
        .map((c) => {
          const i = c.indexOf("=");
          return [c.slice(0, i).trim(), c.slice(i + 1)] as const;
        }),
    );
    return {
      get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
      getAll: () => [...jar].map(([name, value]) => ({ name, value })),
      has: (name: string) => jar.has(name),
      set: setCookie,
    };
  },
}));

const { testDb, makeUser } = await import("../setup/db");
const { authedAction } = await import("@/lib/actions/client");
const { authSecret } = await import("@/lib/auth/secret");
const { tagListSchema } = await import("@/lib/bank/tags");

const ran = vi.fn(async (input: { title: string }, ctx: { user: { id: string } }) => ({ title: input.title, by: ctx.user.id }));
const renameSomething = authedAction(z.object({ title: z.string().min(1) }), ran);

async function sessionCookie(user: { id: string; email: string }, salt = "authjs.session-token") {
  // As Auth.js issues it at sign-in: with a session id and the user's session version.
  const claims = { sub: user.id, email: user.email, name: null, sid: crypto.randomUUID(), sv: 0 };
  const token = await encode({ token: claims, secret: authSecret(), salt });
  return `${salt}=${token}`;
}

describe("authedAction", () => {
  let user: { id: string; email: string };
  beforeAll(async () => {
    user = await makeUser(await testDb());
  });

  it("refuses a call without a session, and never runs the action", async () => {
    cookieHeader = "";
    const r = await renameSomething({ title: "x" });
    expect(r).toEqual({ ok: false, error: expect.objectContaining({ code: "unauthorized" }) });
    expect(ran).not.toHaveBeenCalled();
  });

  it("refuses a forged session cookie", async () => {
    cookieHeader = "authjs.session-token=not-a-real-token";
    const r = await renameSomething({ title: "x" });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.code).toBe("unauthorized");
    expect(ran).not.toHaveBeenCalled();
  });

  it("runs with a valid session, and validates the input with zod", async () => {
    cookieHeader = await sessionCookie(user);
    const good = await renameSomething({ title: "Cardiology" });
    expect(good).toEqual({ ok: true, data: { title: "Cardiology", by: user.id } });
    const bad = await renameSomething({ title: "" } as never);
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error.code).toBe("validation");
    // A library default message says which field; our own sentences stand alone.
    expect(!bad.ok && bad.error.message).toMatch(/^title: /);
    const tagged = authedAction(z.object({ tags: tagListSchema }), async (input) => input.tags);
    const long = await tagged({ tags: ["ok", "x".repeat(41)] });
    expect(!long.ok && long.error.message).toBe("A tag can be at most 40 characters.");
    expect(ran).toHaveBeenCalledTimes(1);
  });

  it("re-issues a session cookie issued more than a day ago, with a fresh 30-day expiry", async () => {
    vi.useFakeTimers({ now: Date.now() - 2 * 24 * 60 * 60 * 1000, toFake: ["Date"] });
    try {
      cookieHeader = await sessionCookie(user);
    } finally {
      vi.useRealTimers();
    }
    setCookie.mockClear();
    const r = await renameSomething({ title: "Renal" });
    expect(r).toEqual({ ok: true, data: { title: "Renal", by: user.id } });
    expect(setCookie).toHaveBeenCalledTimes(1);
    const [name, token, options] = setCookie.mock.calls[0]!;
    expect(name).toBe("authjs.session-token");
    expect(options).toMatchObject({ httpOnly: true, sameSite: "lax", path: "/", secure: false, maxAge: 30 * 24 * 60 * 60 });
    const fresh = await decode({ token, secret: authSecret(), salt: name });
    expect(fresh).toMatchObject({ sub: user.id, email: user.email });
    expect(Math.abs(fresh!.iat! - Date.now() / 1000)).toBeLessThan(60);

    // A fresh cookie is read as it is, not re-issued.
    setCookie.mockClear();
    cookieHeader = `authjs.session-token=${token}`;
    expect((await renameSomething({ title: "Renal" })).ok).toBe(true);
    expect(setCookie).not.toHaveBeenCalled();
  });

  it("on https only the __Secure- cookie counts", async () => {
    proto = "https";
    try {
      cookieHeader = await sessionCookie(user);
      const plain = await renameSomething({ title: "x" });
      expect(!plain.ok && plain.error.code).toBe("unauthorized");
      cookieHeader = await sessionCookie(user, "__Secure-authjs.session-token");
      const secure = await renameSomething({ title: "Secure" });
      expect(secure).toEqual({ ok: true, data: { title: "Secure", by: user.id } });
    } finally {
      proto = "http";
    }
  });
});
