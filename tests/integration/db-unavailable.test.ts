/**
 * Postgres unreachable (item 5 of the hardening issue): queries fail fast (connect and statement
 * timeouts), the failure reads as "unavailable" (503 with Retry-After in routes, a clear message
 * in actions), /api/health says the database is down, and service resumes without a restart.
 */
import crypto from "node:crypto";
import net from "node:net";
import { encode } from "next-auth/jwt";
import { sql } from "drizzle-orm";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", async () => (await import("./support/next-request")).nextHeaders);

const { newRequest } = await import("./support/next-request");
const { openDatabase, setDbForTests } = await import("@/db");
const { toErrorShape } = await import("@/lib/errors");
const { authedAction } = await import("@/lib/actions/client");
const { authSecret } = await import("@/lib/auth/secret");
const { GET: health } = await import("@/app/api/health/route");
const { POST: answer } = await import("@/app/api/questions/[id]/answer/route");
const { z } = await import("zod");

const realUrl = process.env.DATABASE_URL;
const opened: Array<{ close: () => Promise<void> }> = [];
afterEach(() => setDbForTests(undefined));
afterAll(async () => {
  for (const h of opened) await h.close().catch(() => {});
});

async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

/** A TCP server that accepts connections and never says a word (a hung or half-dead server). */
async function silentServer() {
  const sockets = new Set<net.Socket>();
  const srv = net.createServer((s) => {
    sockets.add(s);
    s.on("error", () => {});
  });
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  return {
    port: (srv.address() as net.AddressInfo).port,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise<void>((r) => srv.close(() => r()));
    },
  };
}

async function openAt(url: string, opts: { connectTimeoutSeconds?: number; statementTimeoutMs?: number } = {}) {
  const h = await openDatabase({ url, poolSize: 2, connectTimeoutSeconds: opts.connectTimeoutSeconds ?? 2, statementTimeoutMs: opts.statementTimeoutMs });
  opened.push(h);
  return h;
}

async function timed<T>(p: Promise<T>): Promise<{ ms: number; error: unknown }> {
  const t0 = performance.now();
  try {
    await p;
    return { ms: performance.now() - t0, error: null };
  } catch (error) {
    return { ms: performance.now() - t0, error };
  }
}

describe("Postgres unreachable", () => {
  it("a closed port fails at once and reads as unavailable", async () => {
    const h = await openAt(`postgres://postgres@127.0.0.1:${await freePort()}/studyin`);
    const { ms, error } = await timed(h.db.execute(sql`select 1`));
    expect(error).toBeTruthy();
    expect(ms).toBeLessThan(2000);
    vi.spyOn(console, "error").mockImplementation(() => {});
    expect(toErrorShape(error)).toMatchObject({ code: "unavailable", retryAfterSeconds: expect.any(Number) });
  });

  it("a server that accepts but never answers fails after the connect timeout, not 30 s", async () => {
    const silent = await silentServer();
    try {
      const h = await openAt(`postgres://postgres@127.0.0.1:${silent.port}/studyin`, { connectTimeoutSeconds: 1 });
      const { ms, error } = await timed(h.db.execute(sql`select 1`));
      expect(error).toBeTruthy();
      expect(ms).toBeGreaterThan(800);
      expect(ms).toBeLessThan(3000);
      expect(toErrorShape(error).code).toBe("unavailable");
    } finally {
      await silent.close();
    }
  });

  it.runIf(Boolean(realUrl))("a statement past the statement timeout is cancelled and reads as unavailable", async () => {
    const h = await openAt(realUrl!, { statementTimeoutMs: 300 });
    const { ms, error } = await timed(h.db.execute(sql`select pg_sleep(3)`));
    expect(ms).toBeLessThan(2000);
    expect(toErrorShape(error).code).toBe("unavailable");
    await expect(h.db.execute(sql`select 1 as one`)).resolves.toBeTruthy(); // the connection lives on
  });

  it("/api/health answers 503 with Retry-After while the database is down", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    setDbForTests(await openAt(`postgres://postgres@127.0.0.1:${await freePort()}/studyin`));
    const t0 = performance.now();
    const res = await health(new Request("http://localhost/api/health"));
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(res.status).toBe(503);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await res.json()).toMatchObject({ ok: false, database: "down", error: { code: "unavailable" } });
  });

  it("a route answers 503 'unavailable' with Retry-After, an action a clear message", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    setDbForTests(await openAt(`postgres://postgres@127.0.0.1:${await freePort()}/studyin`));
    const claims = { sub: crypto.randomUUID(), email: "down@test.studyin", name: null, sid: crypto.randomUUID(), sv: 0 };
    const token = await encode({ token: claims, secret: authSecret(), salt: "authjs.session-token" });
    newRequest({ cookie: { "authjs.session-token": token } });
    const res = await answer(new Request("http://localhost/api/questions/x/answer", { method: "POST", body: "{}" }), {
      params: Promise.resolve({ id: crypto.randomUUID() }),
    });
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBeTruthy();
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("unavailable");
    expect(body.error.message).toMatch(/temporarily unavailable/i);

    const act = authedAction(z.object({}), async () => "ran");
    const r = await act({});
    expect(r).toMatchObject({ ok: false, error: { code: "unavailable", message: expect.stringMatching(/temporarily unavailable/i) } });
  });

  it.runIf(Boolean(realUrl))("service resumes without a restart when the database comes back", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    // A TCP relay in front of the real Postgres stands in for the server going away and back.
    const target = new URL(realUrl!);
    const sockets = new Set<net.Socket>();
    const relay = () =>
      net.createServer((client) => {
        const upstream = net.connect(Number(target.port || 5432), target.hostname);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on("error", () => {});
          s.on("close", () => sockets.delete(s));
        }
        client.pipe(upstream).pipe(client);
      });
    let server = relay();
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as net.AddressInfo).port;
    const url = new URL(realUrl!);
    url.host = `127.0.0.1:${port}`;
    setDbForTests(await openAt(url.toString()));
    expect((await health(new Request("http://localhost/api/health"))).status).toBe(200);

    // Down: the relay stops and every connection through it is cut (as after kill -9).
    await new Promise<void>((r) => {
      server.close(() => r());
      for (const s of sockets) s.destroy();
    });
    const down = await timed(health(new Request("http://localhost/api/health")));
    expect(down.ms).toBeLessThan(3000);
    expect((await health(new Request("http://localhost/api/health"))).status).toBe(503);

    // Back on the same port: the same pool serves again.
    server = relay();
    await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
    try {
      expect((await health(new Request("http://localhost/api/health"))).status).toBe(200);
    } finally {
      await new Promise<void>((r) => {
        server.close(() => r());
        for (const s of sockets) s.destroy();
      });
    }
  });
});
