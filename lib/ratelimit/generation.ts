/**
 * The limits on question generation (the design review's numbers, docs/architecture-review.md §10;
 * all in lib/env.ts): generations per user and per IP per hour through limiter(), and the
 * system-wide cap on model calls in flight. The per-day question quota is not here: the generation
 * service (lib/ai/service.ts) counts it from the student's generation jobs of the last 24 h, what
 * each finished job generated (saved or shown as previews) and what a running one asked for.
 */
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { limiter } from "./index";
import { redisClient } from "./redis";
import { MemorySemaphore, RedisSemaphore, type Semaphore, isRedisDown } from "./semaphore";

export function consumeGenerationLimits(userId: string, ip: string | null) {
  const env = getEnv();
  return (async () => {
    await limiter("generate-user", { tokens: env.GENERATIONS_PER_USER_PER_HOUR, windowSeconds: 3600 }).consume(
      userId,
      `You have reached ${env.GENERATIONS_PER_USER_PER_HOUR} generations this hour.`,
    );
    if (ip)
      await limiter("generate-ip", { tokens: env.GENERATIONS_PER_IP_PER_HOUR, windowSeconds: 3600 }).consume(
        ip,
        "Too many generations from your network this hour.",
      );
  })();
}

/** Opening a job's stream: bounded per student, since each open stream holds a connection. */
export function consumeStreamOpen(userId: string) {
  return limiter("job-stream-user", { tokens: getEnv().JOB_STREAMS_PER_USER_PER_MINUTE, windowSeconds: 60 }).consume(
    userId,
    "Too many reconnects to your generations this minute.",
  );
}

export const MODEL_SLOTS_KEY = "studyin:sem:model-calls";
const globalForSlots = globalThis as unknown as { __studyinModelSlots?: Semaphore };

export function modelSlots(): Semaphore {
  if (globalForSlots.__studyinModelSlots) return globalForSlots.__studyinModelSlots;
  const env = getEnv();
  const local = new MemorySemaphore(env.MAX_CONCURRENT_MODEL_CALLS);
  globalForSlots.__studyinModelSlots = env.REDIS_URL
    ? new RedisSemaphore(redisClient(env.REDIS_URL), MODEL_SLOTS_KEY, env.MAX_CONCURRENT_MODEL_CALLS, {
        // A lease outlives the longest allowed call, so a live holder never loses it to expiry.
        leaseMs: (env.MODEL_TIMEOUT_SECONDS + 30) * 1000,
        onRedisDown: env.RATE_LIMIT_ON_REDIS_DOWN,
        fallback: local,
      })
    : local;
  return globalForSlots.__studyinModelSlots;
}

/** Runs `fn` holding a model slot; waits up to MODEL_SLOT_WAIT_SECONDS, then "busy, retry in N s". */
export async function withModelSlot<T>(fn: () => Promise<T>, opts: { signal?: AbortSignal; slots?: Semaphore; waitSeconds?: number } = {}): Promise<T> {
  const waitSeconds = opts.waitSeconds ?? getEnv().MODEL_SLOT_WAIT_SECONDS;
  let lease;
  try {
    lease = await (opts.slots ?? modelSlots()).acquire({ waitMs: waitSeconds * 1000, signal: opts.signal });
  } catch (e) {
    if (isRedisDown(e))
      throw new AppError("unavailable", "The rate-limit service is unavailable. Please try again shortly.", { retryAfterSeconds: 30 });
    throw e;
  }
  if (!lease) {
    const retry = Math.max(5, waitSeconds);
    throw new AppError("unavailable", `Studyin is busy writing questions for other students. Please retry in ${retry} s.`, {
      retryAfterSeconds: retry,
    });
  }
  try {
    return await fn();
  } finally {
    await lease.release();
  }
}
