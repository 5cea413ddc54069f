/**
 * A system-wide cap on model calls in flight (MAX_CONCURRENT_MODEL_CALLS). With Redis: a sorted set
 * of leases scored by expiry, taken and renewed by Lua scripts using Redis's own clock, so every app
 * instance shares one count and a crashed instance's leases lapse by themselves. Without Redis: an
 * in-process counter. When Redis is unreachable, RATE_LIMIT_ON_REDIS_DOWN decides as for the other
 * limits: "local" caps per instance, "closed" refuses.
 */
import crypto from "node:crypto";
import type Redis from "ioredis";
import { whenReady } from "./redis";

export type Lease = { release: () => Promise<void>; backend: "redis" | "memory" };

export interface Semaphore {
  /** A lease, or null when none freed up within `waitMs`. Throws if the signal aborts. */
  acquire(opts: { waitMs: number; signal?: AbortSignal }): Promise<Lease | null>;
  inFlight(): Promise<number>;
}

const POLL_MS = 100;
const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const t = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }
    function onAbort() {
      clearTimeout(t);
      reject(signal!.reason ?? new DOMException("Aborted", "AbortError"));
    }
    signal?.addEventListener("abort", onAbort, { once: true });
  });

export class MemorySemaphore implements Semaphore {
  private held = 0;
  constructor(private readonly limit: number) {}

  async acquire({ waitMs, signal }: { waitMs: number; signal?: AbortSignal }): Promise<Lease | null> {
    const deadline = Date.now() + waitMs;
    for (;;) {
      signal?.throwIfAborted();
      if (this.held < this.limit) {
        this.held++;
        let released = false;
        return {
          backend: "memory",
          release: async () => {
            if (!released) this.held--;
            released = true;
          },
        };
      }
      if (Date.now() >= deadline) return null;
      await sleep(Math.min(POLL_MS, Math.max(1, deadline - Date.now())), signal);
    }
  }

  async inFlight() {
    return this.held;
  }
}

// KEYS[1] = lease set; ARGV = limit, leaseMs, id. Expired leases (crashed holders) are dropped first.
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[3])
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]) * 2)
  return 1
end
return 0`;
const RENEW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZADD', KEYS[1], 'XX', now + tonumber(ARGV[1]), ARGV[2])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[1]) * 2)
return 1`;
const COUNT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
return redis.call('ZCARD', KEYS[1])`;

export class RedisSemaphore implements Semaphore {
  constructor(
    private readonly redis: Redis,
    private readonly key: string,
    private readonly limit: number,
    private readonly opts: { leaseMs: number; onRedisDown: "local" | "closed"; fallback: MemorySemaphore },
  ) {}

  async acquire({ waitMs, signal }: { waitMs: number; signal?: AbortSignal }): Promise<Lease | null> {
    const id = crypto.randomUUID();
    const deadline = Date.now() + waitMs;
    await whenReady(this.redis);
    for (;;) {
      signal?.throwIfAborted();
      let got: unknown;
      try {
        got = await this.redis.eval(ACQUIRE, 1, this.key, this.limit, this.opts.leaseMs, id);
      } catch (e) {
        console.warn(`[semaphore:${this.key}] Redis unavailable (${(e as Error).message}); policy=${this.opts.onRedisDown}`);
        if (this.opts.onRedisDown === "local") return this.opts.fallback.acquire({ waitMs: Math.max(0, deadline - Date.now()), signal });
        throw new RedisDownError();
      }
      if (got === 1) return this.lease(id);
      if (Date.now() >= deadline) return null;
      await sleep(Math.min(POLL_MS + Math.random() * 50, Math.max(1, deadline - Date.now())), signal);
    }
  }

  private lease(id: string): Lease {
    // Renew well before expiry while the call runs; a crashed process simply stops renewing.
    const timer = setInterval(() => {
      this.redis.eval(RENEW, 1, this.key, this.opts.leaseMs, id).catch(() => {});
    }, Math.max(1000, this.opts.leaseMs / 3));
    timer.unref?.();
    let released = false;
    return {
      backend: "redis",
      release: async () => {
        if (released) return;
        released = true;
        clearInterval(timer);
        await this.redis.zrem(this.key, id).catch(() => {
          /* the lease lapses by itself */
        });
      },
    };
  }

  async inFlight() {
    return Number(await this.redis.eval(COUNT, 1, this.key));
  }
}

export class RedisDownError extends Error {
  /** Recognise by this code (isRedisDown), not instanceof: semaphores live on globalThis across bundles. */
  readonly code = "redis_down";
  constructor() {
    super("Redis is unavailable");
  }
}

export const isRedisDown = (e: unknown) => (e as { code?: unknown } | null)?.code === "redis_down";
