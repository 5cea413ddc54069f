/**
 * The connection shared by every Redis-backed limiter, and the small adapter @upstash/ratelimit
 * needs to talk to ioredis instead of Upstash's HTTP client.
 */
import crypto from "node:crypto";
import Redis from "ioredis";

const globalForRedis = globalThis as unknown as { __studyinRedis?: Map<string, Redis> };

/** One ioredis client per URL per process. Fails fast (no offline queue) so limits can degrade. */
export function redisClient(url: string): Redis {
  globalForRedis.__studyinRedis ??= new Map();
  let client = globalForRedis.__studyinRedis.get(url);
  if (!client) {
    client = new Redis(url, {
      lazyConnect: false,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      commandTimeout: 1000,
      connectTimeout: 1000,
      retryStrategy: (times) => Math.min(times * 200, 2000),
    });
    client.on("error", () => {
      /* reported per command; avoid unhandled 'error' events */
    });
    globalForRedis.__studyinRedis.set(url, client);
  }
  return client;
}

/**
 * Waits (briefly) for the connection: with the offline queue off, a command sent while still
 * connecting would fail at once and needlessly fall back.
 */
export async function whenReady(client: Redis, timeoutMs = 1000): Promise<void> {
  if (!["wait", "connecting", "connect"].includes(client.status)) return; // ready, or known down
  await new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      for (const ev of ["ready", "error", "close"]) client.off(ev, done);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    for (const ev of ["ready", "error", "close"]) client.once(ev, done);
  });
}

const sha1 = (s: string) => crypto.createHash("sha1").update(s).digest("hex");

/**
 * Upstash's Lua scripts start with `#!lua flags=allow-key-locking`, which Redis 7 rejects: strip that
 * line, and map the SHA Upstash asks for to the stripped script's SHA.
 */
export function upstashAdapter(redis: Redis) {
  const shaMap = new Map<string, string>();
  const strip = (script: string) => script.replace(/^#!lua[^\n]*\n/, "");
  return {
    async evalsha(sha: string, keys: string[], args: unknown[]) {
      await whenReady(redis);
      const mapped = shaMap.get(sha);
      if (!mapped) throw new Error("NOSCRIPT No matching script (not loaded through this adapter yet)");
      return redis.evalsha(mapped, keys.length, ...keys, ...(args as string[]));
    },
    async eval(script: string, keys: string[], args: unknown[]) {
      const body = strip(script);
      shaMap.set(sha1(script), sha1(body));
      return redis.eval(body, keys.length, ...keys, ...(args as string[]));
    },
    async get(key: string) {
      return redis.get(key);
    },
    async set(key: string, value: string) {
      return redis.set(key, value);
    },
  };
}
