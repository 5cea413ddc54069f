/**
 * Per-job event logs and process-to-process signals: how a job running in a worker reaches the
 * pages watching it, and how Cancel reaches the worker.
 *
 * - With REDIS_URL: a Redis stream per job (XADD; readers replay it with XREAD from the start and
 *   block for what follows), and Redis pub/sub for signals. Any web process can serve any job's
 *   stream, whichever worker runs it, and a reload replays everything so far.
 * - Without: the same in this process's memory. That is enough when the workers run inside the web
 *   process (the default, and the only way embedded mode runs); separate workers need REDIS_URL
 *   (lib/env.ts refuses WORKERS=off without it).
 *
 * A log is kept while its job runs and for GENERATION_EVENTS_TTL_SECONDS after it is sealed.
 * Losing the log (Redis down or flushed, a restart in memory mode) loses only the replay of
 * partial cards: what a job finished is in the database, and readers fall back to it.
 */
import "server-only";
import { EventEmitter } from "node:events";
import type Redis from "ioredis";
import { getEnv } from "@/lib/env";

export interface EventLog {
  readonly kind: "redis" | "memory";
  /** Adds an event to the end of the job's log. */
  append(key: string, event: object): Promise<void>;
  /** The log will not grow again: keep it for `ttlSeconds`, then forget it. */
  seal(key: string, ttlSeconds: number): Promise<void>;
  /**
   * Every event so far, then `null` (caught up), then each new event as it comes, and `null` again
   * whenever nothing came for about `idleMs` (a chance for the reader to check on the job). Ends
   * when `signal` aborts or the reader stops iterating.
   */
  follow(key: string, opts: { signal: AbortSignal; idleMs?: number }): AsyncIterable<object | null>;
  /** Sends a message to every process subscribed to the channel (this one included). */
  publish(channel: string, message: string): Promise<void>;
  /** Calls `onMessage` for each message on the channel; returns the unsubscribe. */
  subscribe(channel: string, onMessage: (message: string) => void): Promise<() => void>;
}

const DEFAULT_IDLE_MS = 2000;
/** A log longer than this keeps its newest entries (a run writes a few hundred; this bounds a runaway). */
const MAX_ENTRIES = 20_000;

// --- memory ---------------------------------------------------------------------------------

type MemoryLog = { events: object[]; wake: Set<() => void>; timer?: NodeJS.Timeout };

export class MemoryEventLog implements EventLog {
  readonly kind = "memory" as const;
  private logs = new Map<string, MemoryLog>();
  private bus = new EventEmitter().setMaxListeners(0);

  private log(key: string): MemoryLog {
    let l = this.logs.get(key);
    if (!l) this.logs.set(key, (l = { events: [], wake: new Set() }));
    return l;
  }

  async append(key: string, event: object) {
    const l = this.log(key);
    l.events.push(event);
    if (l.events.length > MAX_ENTRIES) l.events.splice(0, l.events.length - MAX_ENTRIES);
    for (const w of [...l.wake]) w();
  }

  async seal(key: string, ttlSeconds: number) {
    const l = this.log(key);
    if (l.timer) clearTimeout(l.timer);
    l.timer = setTimeout(() => this.logs.delete(key), ttlSeconds * 1000);
    l.timer.unref?.();
  }

  async *follow(key: string, { signal, idleMs = DEFAULT_IDLE_MS }: { signal: AbortSignal; idleMs?: number }) {
    const l = this.log(key);
    try {
      yield* this.tail(l, signal, idleMs);
    } finally {
      // A reader of a log nothing was written to (an old job's) leaves no entry behind.
      if (l.events.length === 0 && l.wake.size === 0 && this.logs.get(key) === l) this.logs.delete(key);
    }
  }

  private async *tail(l: MemoryLog, signal: AbortSignal, idleMs: number) {
    let i = 0;
    const backlog = l.events.slice();
    for (; i < backlog.length; i++) yield backlog[i]!;
    yield null;
    while (!signal.aborted) {
      if (i < l.events.length) {
        yield l.events[i++]!;
        continue;
      }
      const came = await new Promise<boolean>((resolve) => {
        const done = (v: boolean) => {
          clearTimeout(timer);
          l.wake.delete(onWake);
          signal.removeEventListener("abort", onAbort);
          resolve(v);
        };
        const onWake = () => done(true);
        const onAbort = () => done(false);
        const timer = setTimeout(() => done(false), idleMs);
        l.wake.add(onWake);
        signal.addEventListener("abort", onAbort, { once: true });
      });
      if (!came && !signal.aborted) yield null;
    }
  }

  async publish(channel: string, message: string) {
    this.bus.emit(channel, message);
  }

  async subscribe(channel: string, onMessage: (message: string) => void) {
    this.bus.on(channel, onMessage);
    return () => void this.bus.off(channel, onMessage);
  }
}

// --- Redis ----------------------------------------------------------------------------------

const streamKey = (key: string) => `studyin:events:${key}`;

export class RedisEventLog implements EventLog {
  readonly kind = "redis" as const;
  private writer: Promise<Redis>;
  private subscriber?: Promise<Redis>;
  private handlers = new Map<string, Set<(message: string) => void>>();

  constructor(private url: string) {
    this.writer = this.connect({ commandTimeout: 2000 });
  }

  private async connect(opts: { commandTimeout?: number } = {}): Promise<Redis> {
    const { default: RedisClass } = await import("ioredis");
    const client = new RedisClass(this.url, {
      ...opts,
      connectTimeout: 2000,
      maxRetriesPerRequest: 1,
      retryStrategy: (times) => Math.min(times * 200, 2000),
    });
    client.on("error", () => {
      /* reported by the command that failed */
    });
    return client;
  }

  async append(key: string, event: object) {
    const r = await this.writer;
    await r.xadd(streamKey(key), "MAXLEN", "~", String(MAX_ENTRIES), "*", "e", JSON.stringify(event));
  }

  async seal(key: string, ttlSeconds: number) {
    const r = await this.writer;
    await r.expire(streamKey(key), ttlSeconds);
  }

  async *follow(key: string, { signal, idleMs = DEFAULT_IDLE_MS }: { signal: AbortSignal; idleMs?: number }) {
    // A blocking read holds its connection: each reader has its own, closed when it stops.
    const conn = await this.connect();
    const close = () => conn.disconnect();
    signal.addEventListener("abort", close, { once: true });
    try {
      let last = "0-0";
      for (const [id, fields] of await conn.xrange(streamKey(key), "-", "+")) {
        last = id;
        const i = fields.indexOf("e");
        if (i >= 0) yield JSON.parse(fields[i + 1]!) as object;
      }
      yield null;
      while (!signal.aborted) {
        const res = await conn.xread("COUNT", 500, "BLOCK", idleMs, "STREAMS", streamKey(key), last);
        if (!res || res.length === 0) {
          yield null;
          continue;
        }
        for (const [, entries] of res)
          for (const [id, fields] of entries) {
            last = id;
            const i = fields.indexOf("e");
            if (i >= 0) yield JSON.parse(fields[i + 1]!) as object;
          }
      }
    } catch (e) {
      if (!signal.aborted) throw e;
    } finally {
      signal.removeEventListener("abort", close);
      conn.disconnect();
    }
  }

  async publish(channel: string, message: string) {
    const r = await this.writer;
    await r.publish(channel, message);
  }

  async subscribe(channel: string, onMessage: (message: string) => void) {
    this.subscriber ??= this.connect().then((s) => {
      s.on("message", (ch: string, message: string) => {
        for (const h of this.handlers.get(ch) ?? []) h(message);
      });
      return s;
    });
    const s = await this.subscriber;
    let set = this.handlers.get(channel);
    if (!set) {
      set = new Set();
      this.handlers.set(channel, set);
      try {
        await s.subscribe(channel);
      } catch (e) {
        this.handlers.delete(channel); // the next subscribe tries again
        throw e;
      }
    }
    set.add(onMessage);
    return () => void set.delete(onMessage);
  }

  async close() {
    (await this.writer).disconnect();
    if (this.subscriber) (await this.subscriber).disconnect();
  }
}

// --- this process's log ----------------------------------------------------------------------

const g = globalThis as unknown as { __studyinEventLog?: EventLog };

/** The event log of this process: Redis when REDIS_URL is set, memory otherwise. */
export function eventLog(): EventLog {
  const url = getEnv().REDIS_URL;
  return (g.__studyinEventLog ??= url ? new RedisEventLog(url) : new MemoryEventLog());
}

/** Test-only: drop this process's log (after changing REDIS_URL). */
export async function resetEventLogForTests() {
  const l = g.__studyinEventLog;
  g.__studyinEventLog = undefined;
  if (l instanceof RedisEventLog) await l.close();
}
