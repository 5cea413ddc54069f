import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { AppError } from "@/lib/errors";
import { MULTIPART_OVERHEAD_BYTES, readUploadForm } from "./upload-body";

const MB = 1024 * 1024;
let spoolDir = "";
afterEach(() => {
  if (spoolDir) fs.rmSync(spoolDir, { recursive: true, force: true });
});
function limits(maxFileMb = 1) {
  spoolDir = fs.mkdtempSync(path.join(os.tmpdir(), "studyin-spool-"));
  return { maxFileMb, maxFiles: 3, spoolDir };
}
const spooled = () => fs.readdirSync(spoolDir);

/** A multipart request as a browser sends it (Content-Length set unless `streamed`). */
async function multipart(parts: [field: string, name: string, bytes: Uint8Array][], opts: { streamed?: boolean } = {}) {
  const form = new FormData();
  for (const [field, name, bytes] of parts) form.append(field, new File([Buffer.from(bytes)], name));
  const encoded = new Response(form);
  const body = new Uint8Array(await encoded.arrayBuffer());
  const headers: Record<string, string> = { "content-type": encoded.headers.get("content-type")! };
  if (!opts.streamed) headers["content-length"] = String(body.byteLength);
  return new Request("http://localhost/api/materials", { method: "POST", body: counted(body).stream, headers, duplex: "half" } as RequestInit);
}

/** A body stream that records how many bytes were pulled from it; endless when `bytes` is a number. */
function counted(bytes: Uint8Array | number) {
  const state = { pulled: 0 };
  const chunk = new Uint8Array(64 * 1024).fill(0x61);
  let offset = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(c) {
      if (typeof bytes === "number") {
        if (state.pulled >= bytes) return c.close();
        state.pulled += chunk.byteLength;
        return c.enqueue(chunk.slice());
      }
      if (offset >= bytes.byteLength) return c.close();
      const next = bytes.subarray(offset, offset + chunk.byteLength);
      offset += next.byteLength;
      state.pulled += next.byteLength;
      c.enqueue(next);
    },
  });
  return { stream, state };
}

async function refusal(p: Promise<unknown>) {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

describe("readUploadForm", () => {
  test("spools each file with its size, sha256 and first bytes", async () => {
    const a = crypto.randomBytes(300_000);
    const b = new TextEncoder().encode("# Notes\n\nThe mitral valve.");
    const files = await readUploadForm(await multipart([["files", "a.pdf", a], ["files", "notes.md", b]]), limits());
    expect(files.map((f) => [f.name, f.size])).toEqual([["a.pdf", a.byteLength], ["notes.md", b.byteLength]]);
    expect(files[0]!.sha256).toBe(crypto.createHash("sha256").update(a).digest("hex"));
    expect(Buffer.from(fs.readFileSync(files[0]!.path)).equals(a)).toBe(true);
    expect(Buffer.from(files[0]!.head).equals(a.subarray(0, 8192))).toBe(true);
    expect(Buffer.from(files[1]!.head).toString()).toBe("# Notes\n\nThe mitral valve.");
  });

  test("a declared Content-Length past the limit is refused before a byte is read", async () => {
    const body = counted(300 * MB);
    const req = new Request("http://localhost/api/materials", {
      method: "POST",
      body: body.stream,
      headers: { "content-type": "multipart/form-data; boundary=x", "content-length": String(300 * MB) },
      duplex: "half",
    } as RequestInit);
    const e = await refusal(readUploadForm(req, limits(50)));
    expect(e.code).toBe("too_large");
    expect(e.message).toBe("The upload is 300 MB; the limit is 50 MB per file. Upload large files one at a time.");
    // Nothing read by us: what was pulled is the stream's own read-ahead of one chunk.
    expect(body.state.pulled).toBeLessThanOrEqual(64 * 1024);
  });

  test("a body without Content-Length is cut off as soon as it passes the limit", async () => {
    const body = counted(300 * MB);
    const req = new Request("http://localhost/api/materials", {
      method: "POST",
      body: body.stream,
      headers: { "content-type": "multipart/form-data; boundary=x" },
      duplex: "half",
    } as RequestInit);
    const e = await refusal(readUploadForm(req, limits(1)));
    expect(e.code).toBe("too_large");
    expect(e.message).toBe("The upload is larger than 1 MB, the limit per file. Upload large files one at a time.");
    // Read: the limit, the multipart allowance and what the stream had buffered ahead; not 300 MB.
    expect(body.state.pulled).toBeLessThan(1 * MB + MULTIPART_OVERHEAD_BYTES + 256 * 1024);
    expect(spooled()).toEqual([]);
  });

  test("one file past the per-file limit among others is refused by name, and nothing stays spooled", async () => {
    const req = await multipart([["files", "small.md", new TextEncoder().encode("# a")], ["files", "big.pdf", new Uint8Array(MB + 10)]], { streamed: true });
    const e = await refusal(readUploadForm(req, limits(1)));
    expect(e.code).toBe("too_large");
    expect(e.message).toBe('"big.pdf" is larger than 1 MB; the limit is 1 MB per file.');
    expect(spooled()).toEqual([]);
  });

  test("more files than allowed are refused", async () => {
    const one = new TextEncoder().encode("x");
    const req = await multipart([["files", "1.md", one], ["files", "2.md", one], ["files", "3.md", one], ["files", "4.md", one]]);
    const e = await refusal(readUploadForm(req, limits()));
    expect(e.message).toBe("Upload at most 3 files at once.");
    expect(spooled()).toEqual([]);
  });

  test.each([
    ["not multipart", new Request("http://localhost/", { method: "POST", body: "files=a", headers: { "content-type": "application/x-www-form-urlencoded" } })],
    [
      "a multipart body cut short",
      new Request("http://localhost/", {
        method: "POST",
        body: '--x\r\nContent-Disposition: form-data; name="files"; filename="a.md"\r\n\r\nhalf a fi',
        headers: { "content-type": "multipart/form-data; boundary=x" },
      }),
    ],
  ])("%s is refused as unreadable", async (_, req) => {
    const e = await refusal(readUploadForm(req, limits()));
    expect(e).toMatchObject({ code: "validation", message: "The upload could not be read. Choose the files again." });
    expect(spooled()).toEqual([]);
  });

  test("other fields are ignored", async () => {
    const files = await readUploadForm(await multipart([["other", "x.md", new Uint8Array([1])], ["files", "a.md", new TextEncoder().encode("# A")]]), limits());
    expect(files.map((f) => f.name)).toEqual(["a.md"]);
    expect(spooled()).toHaveLength(1);
  });
});
