/**
 * Rate limits: @upstash/ratelimit over ioredis when REDIS_URL is set (limits hold across app
 * instances), an in-process sliding window otherwise. If Redis fails, RATE_LIMIT_ON_REDIS_DOWN
 * decides: "local" counts in this process, "closed" refuses.
 */
import { Ratelimit } from "@upstash/ratelimit";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { formatWait } from "./format";
import { MemoryLimiter } from "./memory";
import { redisClient, upstashAdapter } from "./redis";
import type { LimitResult, LimitSpec } from "./types";

export type { LimitResult, LimitSpec } from "./types";

export class Limiter {
  private readonly memory: MemoryLimiter;
  private readonly upstash?: Ratelimit;

  constructor(
    readonly name: string,
    readonly spec: LimitSpec,
    opts: { redisUrl?: string; onRedisDown?: "local" | "closed" } = {},
  ) {
    this.memory = new MemoryLimiter(spec.tokens, spec.windowSeconds * 1000);
    this.onRedisDown = opts.onRedisDown ?? "local";
    if (opts.redisUrl) {
      this.upstash = new Ratelimit({
        redis: upstashAdapter(redisClient(opts.redisUrl)) as never,
        limiter: Ratelimit.slidingWindow(spec.tokens, `${spec.windowSeconds} s`),
        prefix: `studyin:rl:${name}`,
        analytics: false,
        // Upstash's own timeout *allows* the request; we decide failure handling ourselves.
        timeout: 0,
      });
    }
  }

  private readonly onRedisDown: "local" | "closed";

  async limit(key: string): Promise<LimitResult> {
    if (!this.upstash) return this.memory.limit(key);
    try {
      const r = await this.upstash.limit(key);
      return { success: r.success, remaining: r.remaining, reset: r.reset, backend: "redis" };
    } catch (e) {
      console.warn(`[ratelimit:${this.name}] Redis unavailable (${(e as Error).message}); policy=${this.onRedisDown}`);
      if (this.onRedisDown === "local") return this.memory.limit(key);
      return { success: false, remaining: 0, reset: Date.now() + 30_000, backend: "unavailable" };
    }
  }

  /** Like limit(), but throws the AppError the UI shows when the limit is reached. */
  async consume(key: string, what: string): Promise<LimitResult> {
    const r = await this.limit(key);
    if (!r.success) {
      const retryAfterSeconds = Math.max(1, Math.ceil((r.reset - Date.now()) / 1000));
      if (r.backend === "unavailable")
        throw new AppError("unavailable", "The rate-limit service is unavailable. Please try again shortly.", {
          retryAfterSeconds,
        });
      throw new AppError("rate_limited", `${what} Try again in ${formatWait(retryAfterSeconds)}.`, {
        retryAfterSeconds,
      });
    }
    return r;
  }
}

// Kept here for callers; the body lives where client components can import it.
export { formatWait } from "./format";

const globalForLimiters = globalThis as unknown as { __studyinLimiters?: Map<string, Limiter> };

/** The process-wide limiter with this name (created on first use from the configuration). */
export function limiter(name: string, spec: LimitSpec): Limiter {
  globalForLimiters.__studyinLimiters ??= new Map();
  const key = `${name}:${spec.tokens}:${spec.windowSeconds}`;
  let l = globalForLimiters.__studyinLimiters.get(key);
  if (!l) {
    const env = getEnv();
    l = new Limiter(name, spec, { redisUrl: env.REDIS_URL, onRedisDown: env.RATE_LIMIT_ON_REDIS_DOWN });
    globalForLimiters.__studyinLimiters.set(key, l);
  }
  return l;
}
