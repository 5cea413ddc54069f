/**
 * Ending sessions (item 7 of the hardening issue): sign-out and "sign out of all devices" end the
 * session on the server, so a copied cookie stops working, in the fast session check and in
 * Auth.js's own; the daily re-issue never extends an ended session. Through the real actions and
 * Auth.js, with next/headers stood in by a request carrying the cookie.
 */
import crypto from "node:crypto";
import { encode } from "next-auth/jwt";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", async () => (await import("./support/next-request")).nextHeaders);

const { newRequest, request } = await import("./support/next-request");
const { testDb } = await import("../setup/db");
const { createUserWithPassword } = await import("@/db/queries/users");
const { hashPassword } = await import("@/lib/auth/password");
const { authSecret } = await import("@/lib/auth/secret");
const { auth } = await import("@/lib/auth/config");
const { currentUser } = await import("@/lib/auth/session");
const { resetEnvForTests } = await import("@/lib/env");
const { signInAction, signOutAction, signOutEverywhereAction } = await import("@/app/(auth)/actions");

const COOKIE = "authjs.session-token";
const PASSWORD = "correct horse battery";
const isRedirect = (e: unknown) => String((e as { digest?: string })?.digest ?? "").startsWith("NEXT_REDIRECT");

async function makeAccount() {
  const email = `s-${crypto.randomUUID()}@test.studyin`;
  const user = await createUserWithPassword({ email, passwordHash: await hashPassword(PASSWORD) });
  return { ...user, email };
}

/** Signs in through the action and Auth.js; returns the session cookie it set. */
async function signIn(email: string): Promise<string> {
  newRequest({ peer: `198.51.100.${Math.floor(Math.random() * 200)}` });
  const fd = new FormData();
  fd.set("email", email);
  fd.set("password", PASSWORD);
  await expect(signInAction(undefined, fd)).rejects.toSatisfy(isRedirect);
  const set = request.written.find((c) => c.name === COOKIE && c.value);
  expect(set, "a session cookie was set").toBeDefined();
  return set!.value;
}

/** Who the session check says the bearer of `token` is (null: nobody). */
async function whoIs(token: string) {
  newRequest({ cookie: { [COOKIE]: token } });
  return (await currentUser())?.email ?? null;
}
/** The same, through Auth.js's own auth() (the fallback path of the session check). */
async function whoIsToAuthJs(token: string) {
  newRequest({ cookie: { [COOKIE]: token } });
  return (await auth())?.user?.email ?? null;
}

beforeAll(async () => {
  await testDb();
});
afterEach(() => {
  delete process.env.SESSION_CHECK_CACHE_SECONDS;
  resetEnvForTests();
});

describe("ending sessions", () => {
  it("a cookie copied before sign-out is refused after it", async () => {
    const owner = await makeAccount();
    const token = await signIn(owner.email);
    const copy = token;
    expect(await whoIs(copy)).toBe(owner.email);
    expect(await whoIsToAuthJs(copy)).toBe(owner.email);

    newRequest({ cookie: { [COOKIE]: token } });
    await expect(signOutAction()).rejects.toSatisfy(isRedirect);
    expect(request.written.some((c) => c.name === COOKIE && c.value === "")).toBe(true); // cleared here

    expect(await whoIs(copy)).toBeNull();
    expect(await whoIsToAuthJs(copy)).toBeNull();
  });

  it("sign-out ends only that session; another device stays signed in", async () => {
    const owner = await makeAccount();
    const laptop = await signIn(owner.email);
    const phone = await signIn(owner.email);
    newRequest({ cookie: { [COOKIE]: phone } });
    await expect(signOutAction()).rejects.toSatisfy(isRedirect);
    expect(await whoIs(phone)).toBeNull();
    expect(await whoIs(laptop)).toBe(owner.email);
  });

  it("'sign out of all devices' ends every session of the user, and only theirs", async () => {
    const owner = await makeAccount();
    const other = await makeAccount();
    const laptop = await signIn(owner.email);
    const phone = await signIn(owner.email);
    const someoneElse = await signIn(other.email);

    newRequest({ cookie: { [COOKIE]: laptop } });
    await expect(signOutEverywhereAction(new FormData())).rejects.toSatisfy(isRedirect);

    for (const token of [laptop, phone]) {
      expect(await whoIs(token)).toBeNull();
      expect(await whoIsToAuthJs(token)).toBeNull();
    }
    expect(await whoIs(someoneElse)).toBe(other.email);
    // Signing in again starts a session under the new version.
    const fresh = await signIn(owner.email);
    expect(await whoIs(fresh)).toBe(owner.email);
  });

  it("without a session, 'sign out of all devices' ends nothing", async () => {
    const owner = await makeAccount();
    const token = await signIn(owner.email);
    newRequest({});
    await expect(signOutEverywhereAction(new FormData())).rejects.toSatisfy(isRedirect);
    expect(await whoIs(token)).toBe(owner.email);
  });

  it("the daily re-issue does not extend an ended session", async () => {
    const owner = await makeAccount();
    // A session signed in two days ago: due for re-issue on its next use.
    vi.useFakeTimers({ now: Date.now() - 2 * 24 * 60 * 60 * 1000, toFake: ["Date"] });
    let old: string;
    try {
      old = await signIn(owner.email);
    } finally {
      vi.useRealTimers();
    }
    newRequest({ cookie: { [COOKIE]: old } });
    expect((await currentUser())?.email).toBe(owner.email);
    const reissued = request.written.find((c) => c.name === COOKIE && c.value)?.value;
    expect(reissued, "re-issued while live").toBeDefined();

    newRequest({ cookie: { [COOKIE]: reissued! } });
    await expect(signOutAction()).rejects.toSatisfy(isRedirect);

    // Both the old cookie and its re-issued copy are the same session: both refused, neither renewed.
    for (const token of [old, reissued!]) {
      newRequest({ cookie: { [COOKIE]: token } });
      expect(await currentUser()).toBeNull();
      expect(request.written.filter((c) => c.value)).toEqual([]);
    }
  });

  it("a token without a session id or version (made before sessions could be ended) is refused", async () => {
    const owner = await makeAccount();
    const legacy = await encode({ token: { sub: owner.id, email: owner.email, name: null }, secret: authSecret(), salt: COOKIE });
    expect(await whoIs(legacy)).toBeNull();
    expect(await whoIsToAuthJs(legacy)).toBeNull();
  });

  it("with the check cached, sign-out still takes effect at once in this process", async () => {
    process.env.SESSION_CHECK_CACHE_SECONDS = "300";
    resetEnvForTests();
    const owner = await makeAccount();
    const token = await signIn(owner.email);
    expect(await whoIs(token)).toBe(owner.email); // cached as live
    newRequest({ cookie: { [COOKIE]: token } });
    await expect(signOutAction()).rejects.toSatisfy(isRedirect);
    expect(await whoIs(token)).toBeNull();
  });
});
