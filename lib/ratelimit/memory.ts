/** In-process sliding-window limiter: the embedded default, and the fallback when Redis is down. */
import type { LimitResult } from "./types";

export class MemoryLimiter {
  private hits = new Map<string, number[]>();

  constructor(
    private readonly tokens: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  limit(key: string): LimitResult {
    const now = this.now();
    const since = now - this.windowMs;
    const log = (this.hits.get(key) ?? []).filter((t) => t > since);
    if (log.length >= this.tokens) {
      this.hits.set(key, log);
      return { success: false, remaining: 0, reset: log[0]! + this.windowMs, backend: "memory" };
    }
    log.push(now);
    this.hits.set(key, log);
    // Keep the map from growing without bound under many distinct keys.
    if (this.hits.size > 10_000) {
      for (const [k, v] of this.hits) if (!v.some((t) => t > since)) this.hits.delete(k);
    }
    return { success: true, remaining: this.tokens - log.length, reset: now + this.windowMs, backend: "memory" };
  }

  reset(key: string) {
    this.hits.delete(key);
  }
}
