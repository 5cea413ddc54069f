/**
 * POST /api/materials end to end in this process (the route handler with a signed-in student):
 * a body past the limit is refused while it streams in, with this process's memory flat; a real
 * upload is stored, spooled to disk only until ingested, and becomes ready.
 */
import fs from "node:fs";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { materials } from "@/db/schema";
import { resetEnvForTests } from "@/lib/env";
import { type TestChroma, startTestChroma } from "@/tests/setup/chroma";
import { makeUser, testDb } from "@/tests/setup/db";

const session: { user: { id: string; email: string } | null } = { user: null };
vi.mock("@/lib/auth/session", async () => {
  const { AppError } = await import("@/lib/errors");
  return {
    requireUser: async () => {
      if (!session.user) throw new AppError("unauthorized", "Your session has ended. Please sign in again.");
      return session.user;
    },
  };
});

const { POST } = await import("@/app/api/materials/route");
const { ingestionIdle } = await import("@/lib/rag/ingest-job");
const { uploadsDir } = await import("@/lib/rag/upload");

const MB = 1024 * 1024;
let chroma: TestChroma;
beforeAll(async () => {
  await testDb();
  chroma = await startTestChroma();
}, 60_000);
afterAll(async () => {
  await ingestionIdle();
  await chroma?.stopAndClean();
  resetEnvForTests();
});

/** An endless multipart-looking body; counts what is pulled from it. */
function endlessBody() {
  const state = { pulled: 0 };
  const chunk = new Uint8Array(256 * 1024).fill(0x61);
  const head = new TextEncoder().encode('--x\r\nContent-Disposition: form-data; name="files"; filename="huge.pdf"\r\n\r\n%PDF-1.4\n');
  let first = true;
  const stream = new ReadableStream<Uint8Array>({
    pull(c) {
      const next = first ? head : chunk.slice();
      first = false;
      state.pulled += next.byteLength;
      c.enqueue(next);
    },
  });
  return { stream, state };
}

const post = (body: BodyInit | ReadableStream, headers: Record<string, string>) =>
  POST(new Request("http://localhost/api/materials", { method: "POST", body, headers, duplex: "half" } as RequestInit));

describe("POST /api/materials", () => {
  test("a 300 MB body without Content-Length is refused at the limit, memory flat, nothing stored", async () => {
    const db = await testDb();
    session.user = await makeUser(db);
    const body = endlessBody();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    const res = await post(body.stream, { "content-type": "multipart/form-data; boundary=x" });
    clearInterval(sample);
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({
      error: { code: "too_large", message: "The upload is larger than 50 MB, the limit per file. Upload large files one at a time." },
    });
    expect(body.state.pulled).toBeLessThan(51 * MB); // not 300 MB
    expect(peak - before).toBeLessThan(100 * MB); // formData() took +886 MB for 300 MB
    expect(await db.select().from(materials).where(eq(materials.userId, session.user.id))).toEqual([]);
    expect(fs.existsSync(uploadsDir()) ? fs.readdirSync(uploadsDir()) : []).toEqual([]);
  });

  test("a declared 300 MB body is refused before it is read", async () => {
    session.user = await makeUser(await testDb());
    const body = endlessBody();
    const res = await post(body.stream, { "content-type": "multipart/form-data; boundary=x", "content-length": String(300 * MB) });
    expect(res.status).toBe(413);
    expect((await res.json()).error.message).toBe("The upload is 300 MB; the limit is 50 MB per file. Upload large files one at a time.");
    expect(body.state.pulled).toBeLessThan(MB);
  });

  test("a real upload is stored, its spooled file removed once ingested, and it becomes ready", async () => {
    const db = await testDb();
    session.user = await makeUser(db);
    const form = new FormData();
    form.append("files", new File(["# Valves\n\nThe mitral valve closes during systole."], "valves.md"));
    form.append("files", new File(["not a pdf"], "fake.pdf"));
    const res = await POST(new Request("http://localhost/api/materials", { method: "POST", body: form }));
    expect(res.status).toBe(201);
    const { results } = (await res.json()) as { results: { ok: boolean; materialId?: string; error?: string }[] };
    expect(results[0]).toMatchObject({ ok: true });
    expect(results[1]).toEqual({ fileName: "fake.pdf", ok: false, error: '"fake.pdf": This file is named .pdf but is not a PDF document.' });
    await ingestionIdle();
    const rows = await db.select().from(materials).where(eq(materials.userId, session.user.id));
    expect(rows.map((r) => [r.fileName, r.status, r.chunkCount])).toEqual([["valves.md", "ready", 1]]);
    expect(fs.readdirSync(uploadsDir())).toEqual([]);
  });

  test("when no file is stored: 422 in the one error shape, each file's reason under files.N, and the results", async () => {
    const db = await testDb();
    session.user = await makeUser(db);
    const form = new FormData();
    form.append("files", new File(["not a pdf"], "fake.pdf"));
    form.append("files", new File([""], "empty.md"));
    const res = await POST(new Request("http://localhost/api/materials", { method: "POST", body: form }));
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { code: string; message: string; fields: Record<string, string> }; results: { ok: boolean; error?: string }[] };
    expect(body.error.code).toBe("validation");
    expect(body.error.message).toBe("None of the files could be added.");
    expect(body.error.fields["files.0"]).toBe('"fake.pdf": This file is named .pdf but is not a PDF document.');
    expect(body.error.fields["files.1"]).toBe(body.results[1]!.error);
    expect(body.results.map((r) => r.ok)).toEqual([false, false]);
  });
});
