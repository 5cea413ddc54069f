/**
 * Sign-in through the real server action and Auth.js (next/headers stood in by a request from a
 * given socket address): per-IP limits follow the socket, not X-Forwarded-For; guesses from one
 * address cannot lock the owner out from another; the limiter's errors are recognised by code.
 */
import crypto from "node:crypto";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", async () => (await import("./support/next-request")).nextHeaders);

const { newRequest } = await import("./support/next-request");
const { resetEnvForTests } = await import("@/lib/env");
const { testDb } = await import("../setup/db");
const { createUserWithPassword } = await import("@/db/queries/users");
const { hashPassword } = await import("@/lib/auth/password");
const { signInAction, signUpAction } = await import("@/app/(auth)/actions");

const limiters = () => (globalThis as unknown as { __studyinLimiters?: Map<string, unknown> }).__studyinLimiters;
const saved = { ...process.env };
function configure(vars: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(vars)) if (v === undefined) delete process.env[k];
  else process.env[k] = v;
  resetEnvForTests();
  limiters()?.clear(); // limiters are built from the configuration on first use
}
afterEach(() => {
  process.env = { ...saved };
  resetEnvForTests();
  limiters()?.clear();
});

const PASSWORD = "correct horse battery";
// Limits over real Redis outlive a run: every run counts against addresses of its own.
const run = crypto.randomBytes(4).toString("hex");
// IPv6 addresses count by their /64, so the host number goes in the fourth group.
const addr = (host: number) => `fd${run.slice(0, 2)}:${run.slice(2, 6)}:${run.slice(6)}:${host.toString(16)}::1`;
async function makeAccount() {
  const email = `owner-${crypto.randomUUID()}@test.studyin`;
  await createUserWithPassword({ email, passwordHash: await hashPassword(PASSWORD) });
  return email;
}
function form(fields: Record<string, string>) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  return fd;
}
/** Signs in from `peer`; "signed-in" when the action redirects (its success), else the error code. */
async function attempt(email: string, password: string, peer: string, forwardedFor?: string) {
  newRequest({ peer, forwardedFor });
  try {
    const state = await signInAction(undefined, form({ email, password }));
    return state?.error?.code ?? "no-error";
  } catch (e) {
    if (String((e as { digest?: string }).digest ?? "").startsWith("NEXT_REDIRECT")) return "signed-in";
    throw e;
  }
}

beforeAll(async () => {
  await testDb();
});

describe("sign-in limits", () => {
  it("counts per socket address: a rotating X-Forwarded-For does not buy more guesses", async () => {
    configure({ SIGNIN_LIMIT_PER_IP: "6", SIGNIN_LIMIT_PER_EMAIL: "100", TRUSTED_PROXY_HOPS: "0" });
    const email = await makeAccount();
    const results = [];
    for (let i = 0; i < 8; i++) results.push(await attempt(email, "wrong password", addr(10), `203.0.113.${i}`));
    expect(results).toEqual([...Array(6).fill("unauthorized"), "rate_limited", "rate_limited"]);
    // Sign-up counts per socket address too.
    configure({ SIGNIN_LIMIT_PER_IP: "2", TRUSTED_PROXY_HOPS: "0" });
    const made = [];
    for (let i = 0; i < 3; i++) {
      newRequest({ peer: addr(11), forwardedFor: `203.0.113.${i}` });
      made.push(
        await signUpAction(undefined, form({ email: `new-${crypto.randomUUID()}@test.studyin`, password: PASSWORD }))
          .then((s) => s?.error?.code)
          .catch((e: { digest?: string }) => (String(e.digest).startsWith("NEXT_REDIRECT") ? "signed-in" : "threw")),
      );
    }
    expect(made).toEqual(["signed-in", "signed-in", "rate_limited"]);
  });

  it("a taken email is a conflict on the email field, and no second account is made", async () => {
    configure({ SIGNIN_LIMIT_PER_IP: "100", TRUSTED_PROXY_HOPS: "0" });
    const email = await makeAccount();
    newRequest({ peer: addr(12) });
    const state = await signUpAction(undefined, form({ email: email.toUpperCase(), password: PASSWORD }));
    expect(state?.error?.code).toBe("conflict");
    expect(state?.error?.fields?.email).toBe("Try signing in instead.");
    expect(state?.email).toBe(email.toUpperCase());
  });

  it("counts an IPv6 client by its /64: rotating addresses inside it buys nothing", async () => {
    configure({ SIGNIN_LIMIT_PER_IP: "3", SIGNIN_LIMIT_PER_EMAIL: "100", TRUSTED_PROXY_HOPS: "0" });
    const email = await makeAccount();
    const r = [];
    for (let i = 1; i <= 4; i++) r.push(await attempt(email, "wrong password", addr(70).replace(/::1$/, `:${i}:${i}::${i}`)));
    expect(r).toEqual(["unauthorized", "unauthorized", "unauthorized", "rate_limited"]);
  });

  it("behind one trusted proxy, counts the address the proxy saw", async () => {
    configure({ SIGNIN_LIMIT_PER_IP: "3", SIGNIN_LIMIT_PER_EMAIL: "100", TRUSTED_PROXY_HOPS: "1" });
    const email = await makeAccount();
    const r = [];
    // The client forges a prefix; the proxy (10.0.0.2) appends the real address.
    for (let i = 0; i < 4; i++) r.push(await attempt(email, "wrong password", "10.0.0.2", `6.6.6.${i}, ${addr(20)}`));
    expect(r).toEqual(["unauthorized", "unauthorized", "unauthorized", "rate_limited"]);
    // Another client behind the same proxy is not affected.
    expect(await attempt(email, PASSWORD, "10.0.0.2", addr(21))).toBe("signed-in");
  });

  it("guesses from one address do not lock the owner out from another", async () => {
    configure({ SIGNIN_LIMIT_PER_EMAIL: "5", SIGNIN_LIMIT_PER_IP: "1000", SIGNIN_LIMIT_PER_EMAIL_GLOBAL: "100" });
    const email = await makeAccount();
    const attacker = [];
    for (let i = 0; i < 7; i++) attacker.push(await attempt(email, "guess", addr(66)));
    expect(attacker.slice(0, 5)).toEqual(Array(5).fill("unauthorized"));
    expect(attacker.slice(5)).toEqual(["rate_limited", "rate_limited"]);
    // Even with the right password the attacker's address stays throttled...
    expect(await attempt(email, PASSWORD, addr(66))).toBe("rate_limited");
    // ...while the owner, elsewhere, signs in.
    expect(await attempt(email, PASSWORD, addr(30))).toBe("signed-in");
  });

  it("a global per-email backstop stops guessing spread over many addresses", async () => {
    configure({ SIGNIN_LIMIT_PER_EMAIL: "5", SIGNIN_LIMIT_PER_IP: "1000", SIGNIN_LIMIT_PER_EMAIL_GLOBAL: "8" });
    const email = await makeAccount();
    const r = [];
    for (let i = 0; i < 10; i++) r.push(await attempt(email, "guess", addr(100 + i)));
    expect(r).toEqual([...Array(8).fill("unauthorized"), "rate_limited", "rate_limited"]);
  });
});

describe("the limiter's errors reach the form by code", () => {
  it("a limiter built by another bundle's copy of the modules still reads as 'too many attempts'", async () => {
    configure({ SIGNIN_LIMIT_PER_EMAIL: "1", SIGNIN_LIMIT_PER_IP: "1000", SIGNIN_LIMIT_PER_EMAIL_GLOBAL: "0" });
    // As when the Auth.js route was the first to use the limiter after start: the process-wide
    // limiter (globalThis) comes from a module copy whose AppError is another class.
    vi.resetModules();
    const other = await import("@/lib/auth/throttle");
    await other.signInLimits().check(`x-${run}@test.studyin`, addr(1)); // builds the shared limiters
    const email = await makeAccount();
    expect(await attempt(email, "guess", addr(40))).toBe("unauthorized");
    newRequest({ peer: addr(40) });
    const state = await signInAction(undefined, form({ email, password: "guess" }));
    expect(state?.error).toEqual({ code: "rate_limited", message: "Too many sign-in attempts. Wait a few minutes and try again." });
  });

  it('with Redis down and the "closed" policy, sign-in says unavailable, not "too many attempts"', async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    configure({ REDIS_URL: "redis://127.0.0.1:1", RATE_LIMIT_ON_REDIS_DOWN: "closed" });
    const email = await makeAccount();
    newRequest({ peer: addr(50) });
    const state = await signInAction(undefined, form({ email, password: PASSWORD }));
    expect(state?.error).toEqual({ code: "unavailable", message: "Sign-in is temporarily unavailable. Please try again in a minute." });
  });
});
