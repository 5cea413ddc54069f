/**
 * Generation limits: the model-call semaphore and the hourly limiter hold across two app instances
 * sharing one Redis (two clients here, as two processes would have), and Redis-down behaves as
 * RATE_LIMIT_ON_REDIS_DOWN says. The in-process semaphore is tested without Redis.
 */
import crypto from "node:crypto";
import Redis from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { Limiter } from "@/lib/ratelimit";
import { withModelSlot } from "@/lib/ratelimit/generation";
import { MemorySemaphore, RedisSemaphore } from "@/lib/ratelimit/semaphore";

const REDIS_URL = process.env.REDIS_URL;
const key = () => `test:gen:sem:${crypto.randomUUID()}`;

describe("in-process model slots", () => {
  it("caps calls in flight and frees a slot on release", async () => {
    const s = new MemorySemaphore(2);
    const a = await s.acquire({ waitMs: 0 });
    const b = await s.acquire({ waitMs: 0 });
    expect(await s.acquire({ waitMs: 50 })).toBeNull();
    await a!.release();
    await a!.release(); // idempotent
    expect(await s.inFlight()).toBe(1);
    const c = await s.acquire({ waitMs: 0 });
    expect(c).not.toBeNull();
    await Promise.all([b!.release(), c!.release()]);
  });

  it("a waiter gets the slot when it frees within the wait", async () => {
    const s = new MemorySemaphore(1);
    const a = await s.acquire({ waitMs: 0 });
    setTimeout(() => void a!.release(), 50);
    expect(await s.acquire({ waitMs: 1000 })).not.toBeNull();
  });

  it("withModelSlot answers 'busy, retry in N s' when no slot frees up", async () => {
    const slots = new MemorySemaphore(1);
    const held = await slots.acquire({ waitMs: 0 });
    const err = await withModelSlot(async () => "ran", { slots, waitSeconds: 0 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("unavailable");
    expect((err as AppError).message).toMatch(/busy.*retry in \d+ s/);
    await held!.release();
    expect(await withModelSlot(async () => "ran", { slots, waitSeconds: 0 })).toBe("ran");
  });
});

describe.skipIf(!REDIS_URL)("limits across two instances sharing one Redis", () => {
  const clients: Redis[] = [];
  const client = () => {
    const c = new Redis(REDIS_URL!, { maxRetriesPerRequest: 1 });
    clients.push(c);
    return c;
  };
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.quit().catch(() => {})));
  });
  const opts = (leaseMs = 10_000) => ({ leaseMs, onRedisDown: "local" as const, fallback: new MemorySemaphore(99) });

  it("the model-call cap is system-wide", async () => {
    const k = key();
    const one = new RedisSemaphore(client(), k, 3, opts());
    const two = new RedisSemaphore(client(), k, 3, opts());
    const leases = [await one.acquire({ waitMs: 0 }), await one.acquire({ waitMs: 0 }), await two.acquire({ waitMs: 0 })];
    expect(leases.every(Boolean)).toBe(true);
    expect(await two.acquire({ waitMs: 150 })).toBeNull();
    expect(await one.acquire({ waitMs: 0 })).toBeNull();
    expect(await one.inFlight()).toBe(3);
    await leases[0]!.release();
    const next = await two.acquire({ waitMs: 500 });
    expect(next?.backend).toBe("redis");
    await Promise.all([leases[1]!.release(), leases[2]!.release(), next!.release()]);
    expect(await two.inFlight()).toBe(0);
  });

  it("a crashed instance's lease lapses by itself", async () => {
    const k = key();
    const crashed = new RedisSemaphore(client(), k, 1, opts(300));
    await crashed.acquire({ waitMs: 0 }); // never released; its renewals are slower than the lease here
    const other = new RedisSemaphore(client(), k, 1, opts(300));
    expect(await other.acquire({ waitMs: 0 })).toBeNull();
    const later = await other.acquire({ waitMs: 1000 });
    expect(later).not.toBeNull();
    await later!.release();
  });

  it("the hourly generation limit is shared", async () => {
    const name = `test:gen:rl:${crypto.randomUUID()}`;
    // Different URL spellings give each limiter its own Redis client, like two processes.
    const a = new Limiter(name, { tokens: 3, windowSeconds: 60 }, { redisUrl: REDIS_URL });
    const b = new Limiter(name, { tokens: 3, windowSeconds: 60 }, { redisUrl: `${REDIS_URL!.replace(/\/\d*$/, "")}/0` });
    const results = [await a.limit("u1"), await b.limit("u1"), await a.limit("u1"), await b.limit("u1")];
    expect(results.map((r) => r.success)).toEqual([true, true, true, false]);
    expect(results.every((r) => r.backend === "redis")).toBe(true);
  });
});

describe("when Redis is down", () => {
  const down = () => new Redis("redis://127.0.0.1:1", { enableOfflineQueue: false, maxRetriesPerRequest: 0, lazyConnect: true, retryStrategy: () => null });

  it('"local" falls back to this instance\'s own cap', async () => {
    const c = down();
    c.on("error", () => {});
    const s = new RedisSemaphore(c, key(), 1, { leaseMs: 1000, onRedisDown: "local", fallback: new MemorySemaphore(1) });
    const lease = await s.acquire({ waitMs: 0 });
    expect(lease?.backend).toBe("memory");
    expect(await s.acquire({ waitMs: 0 })).toBeNull();
    await lease!.release();
    c.disconnect();
  });

  it('"closed" refuses with "service unavailable"', async () => {
    const c = down();
    c.on("error", () => {});
    const slots = new RedisSemaphore(c, key(), 1, { leaseMs: 1000, onRedisDown: "closed", fallback: new MemorySemaphore(1) });
    await expect(withModelSlot(async () => "ran", { slots, waitSeconds: 0 })).rejects.toMatchObject({ code: "unavailable" });
    c.disconnect();
  });
});
