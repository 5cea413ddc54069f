/** The limiter over real Redis (REDIS_URL) and its behaviour when Redis is down. */
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { Limiter } from "@/lib/ratelimit";

const redisUrl = process.env.REDIS_URL;

describe.runIf(Boolean(redisUrl))("Limiter over Redis", () => {
  it("a limit holds across two limiter instances sharing one Redis (two app instances)", async () => {
    const name = `test:core:${crypto.randomUUID()}`;
    const a = new Limiter(name, { tokens: 3, windowSeconds: 60 }, { redisUrl });
    const b = new Limiter(name, { tokens: 3, windowSeconds: 60 }, { redisUrl });
    const results = [await a.limit("k"), await b.limit("k"), await a.limit("k"), await b.limit("k")];
    expect(results.map((r) => r.success)).toEqual([true, true, true, false]);
    expect(results.every((r) => r.backend === "redis")).toBe(true);
    expect((await a.limit("other-key")).success).toBe(true);
  });

  it("consume() throws a rate_limited error with when to retry", async () => {
    const l = new Limiter(`test:core:${crypto.randomUUID()}`, { tokens: 1, windowSeconds: 120 }, { redisUrl });
    await l.consume("k", "Too many.");
    await expect(l.consume("k", "Too many.")).rejects.toMatchObject({
      code: "rate_limited",
      extra: { retryAfterSeconds: expect.any(Number) },
    });
  });
});

describe("Limiter when Redis is down", () => {
  const down = "redis://127.0.0.1:1"; // nothing listens there

  it('"local" keeps limiting in this process', async () => {
    const l = new Limiter(`down-${crypto.randomUUID()}`, { tokens: 2, windowSeconds: 60 }, { redisUrl: down, onRedisDown: "local" });
    const r = [await l.limit("k"), await l.limit("k"), await l.limit("k")];
    expect(r.map((x) => x.success)).toEqual([true, true, false]);
    expect(r[0]!.backend).toBe("memory");
  });

  it('"closed" refuses with "unavailable"', async () => {
    const l = new Limiter(`down-${crypto.randomUUID()}`, { tokens: 2, windowSeconds: 60 }, { redisUrl: down, onRedisDown: "closed" });
    await expect(l.consume("k", "Too many.")).rejects.toMatchObject({ code: "unavailable" });
  });
});
