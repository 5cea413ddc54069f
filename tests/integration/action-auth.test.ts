/**
 * Every server action goes through authedAction: without a valid session it is refused before the
 * input is even parsed. Exercised with Auth.js's real session decoding (next/headers stood in by a
 * request's headers, as Next would provide them).
 */
import { encode } from "next-auth/jwt";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";

let cookieHeader = "";
vi.mock("next/headers", () => ({
  // Next sets host and x-forwarded-proto on every request; Auth.js derives the cookie name from them.
  headers: async () =>
    new Headers({ host: "localhost:3000", "x-forwarded-proto": "http", ...(cookieHeader ? { cookie: cookieHeader } : {}) }),
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
    };
  },
}));

const { testDb, makeUser } = await import("../setup/db");
const { authedAction } = await import("@/lib/actions/client");
const { authSecret } = await import("@/lib/auth/secret");

const ran = vi.fn(async (input: { title: string }, ctx: { user: { id: string } }) => ({ title: input.title, by: ctx.user.id }));
const renameSomething = authedAction(z.object({ title: z.string().min(1) }), ran);

async function sessionCookie(user: { id: string; email: string }) {
  const salt = "authjs.session-token";
  const token = await encode({ token: { sub: user.id, email: user.email, name: null }, secret: authSecret(), salt });
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
    expect(ran).toHaveBeenCalledTimes(1);
  });

  it("still accepts a session issued more than a day ago, through Auth.js (which re-issues it)", async () => {
    vi.useFakeTimers({ now: Date.now() - 2 * 24 * 60 * 60 * 1000, toFake: ["Date"] });
    try {
      cookieHeader = await sessionCookie(user);
    } finally {
      vi.useRealTimers();
    }
    const r = await renameSomething({ title: "Renal" });
    expect(r).toEqual({ ok: true, data: { title: "Renal", by: user.id } });
  });
});
