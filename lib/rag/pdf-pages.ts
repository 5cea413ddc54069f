/**
 * A PDF's pages, read by pdf.js in a child process. pdf.js parses on whatever thread calls it, and
 * a hostile PDF can make it allocate without end (a decompression bomb inflates 1 MB to 1 GB in
 * buffers outside the JavaScript heap, which a worker thread's heap cap does not bound) or work for
 * minutes (a pathological text layer). In a child process of its own, none of that is the server's
 * memory or time, and the child is killed past its budgets:
 * - memory: its heap is capped (--max-old-space-size) and its resident size is watched, killed past
 *   `maxMemoryMb`;
 * - time: `pageTimeoutMs` per page (and for opening the document), `fileTimeoutMs` for the file;
 * - text: at most `maxPageChars` characters on one page.
 * The page count is read before any page is parsed; past `maxPages` nothing more is read.
 */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export type PdfTextItem = { str: string; hasEOL: boolean; height: number };

type Message =
  | { type: "count"; total: number }
  | { type: "open"; total: number }
  | { type: "page-start"; n: number }
  | { type: "page"; n: number; items: PdfTextItem[] }
  | { type: "done" }
  | { type: "error"; name: string; message: string; page?: number };

/**
 * A failure of the reader; `pdfName` is pdf.js's exception name, or one of ours: "OutOfMemory",
 * "PageTimeout", "FileTimeout", "PageTooLarge", "ReaderExit".
 */
export class PdfReaderError extends Error {
  constructor(
    readonly pdfName: string,
    message: string,
    readonly page?: number,
  ) {
    super(message);
    this.name = "PdfReaderError";
  }
}

export type PdfReadLimits = {
  maxPages: number;
  /** Resident memory of the reader process, heap included. */
  maxMemoryMb?: number;
  pageTimeoutMs?: number;
  fileTimeoutMs?: number;
  maxPageChars?: number;
};

const DEFAULTS = { maxMemoryMb: 512, pageTimeoutMs: 10_000, fileTimeoutMs: 300_000, maxPageChars: 200_000 };

/** The limits with every budget filled in (the defaults match the env module's). */
export const readLimits = (l: PdfReadLimits): Required<PdfReadLimits> => ({
  maxPages: l.maxPages,
  maxMemoryMb: l.maxMemoryMb ?? DEFAULTS.maxMemoryMb,
  pageTimeoutMs: l.pageTimeoutMs ?? DEFAULTS.pageTimeoutMs,
  fileTimeoutMs: l.fileTimeoutMs ?? DEFAULTS.fileTimeoutMs,
  maxPageChars: l.maxPageChars ?? DEFAULTS.maxPageChars,
});

// Resolved from the project root, like the migrations folder: the file is loaded as it is, not
// bundled, so it works the same under next start, next dev, tests and the benches.
const CHILD_FILE = path.join(process.cwd(), "lib", "rag", "pdf-pages.child.mjs");
const MEMORY_POLL_MS = 25;

/** Resident set size of a process in bytes (Linux /proc); null where that cannot be read. */
function residentBytes(pid: number): number | null {
  try {
    const pages = Number(fs.readFileSync(`/proc/${pid}/statm`, "utf8").split(" ")[1]);
    return Number.isFinite(pages) ? pages * 4096 : null;
  } catch {
    return null;
  }
}

/**
 * Yields the page count first (as soon as it is known), then each page's text items in order.
 * `source` is the file's path, or its bytes (written to a temporary file for the reader). Kills
 * the reader when the consumer stops early (page limit, error) and on any budget.
 */
export async function* pdfPages(
  source: string | Uint8Array,
  limits: PdfReadLimits,
): AsyncGenerator<{ total: number } | { n: number; items: PdfTextItem[] }> {
  const opts = readLimits(limits);
  let file = typeof source === "string" ? source : null;
  let tempDir: string | null = null;
  if (file === null) {
    tempDir = fs.mkdtempSync(path.join((await import("node:os")).tmpdir(), "studyin-pdf-"));
    file = path.join(tempDir, "upload.pdf");
    fs.writeFileSync(file, source as Uint8Array);
  }
  const heapMb = Math.max(64, Math.floor(opts.maxMemoryMb * 0.75));
  // spawn with an "ipc" stdio is fork; written as spawn so the bundler does not try to resolve the
  // file as a module.
  const child: ChildProcess = spawn(process.execPath, [`--max-old-space-size=${heapMb}`, CHILD_FILE], {
    serialization: "advanced",
    stdio: ["ignore", "ignore", "pipe", "ipc"],
  });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-2000);
  });

  const queue: Exclude<Message, { type: "page-start" }>[] = [];
  let wake: (() => void) | null = null;
  let failure: PdfReaderError | null = null;
  let currentPage = 0;
  const fail = (e: PdfReaderError) => {
    failure ??= e;
    child.kill("SIGKILL");
    wake?.();
  };
  child.on("message", (m: Message) => {
    if (m.type === "page-start") {
      currentPage = m.n;
      armPageTimer();
      return;
    }
    queue.push(m);
    wake?.();
  });
  // "close": the process has exited and its IPC channel and stderr are drained, so every message it
  // sent has been seen (after "exit" some may still be in flight).
  child.on("close", (code, signal) => {
    if (failure) return wake?.();
    const oom = /heap out of memory|Reached heap limit|allocation failed/i.test(stderr);
    fail(
      oom
        ? new PdfReaderError("OutOfMemory", `the PDF reader ran out of memory (${opts.maxMemoryMb} MB)`, currentPage || undefined)
        : new PdfReaderError("ReaderExit", `The PDF reader stopped unexpectedly (${signal ?? `exit code ${code}`}).`),
    );
  });

  let pageTimer: NodeJS.Timeout | undefined;
  const armPageTimer = () => {
    clearTimeout(pageTimer);
    const n = currentPage;
    pageTimer = setTimeout(
      () => fail(new PdfReaderError("PageTimeout", n ? `page ${n} took longer than ${opts.pageTimeoutMs} ms` : "opening took too long", n || undefined)),
      opts.pageTimeoutMs,
    );
  };
  armPageTimer(); // opening the document has a page's budget
  const fileTimer = setTimeout(
    () => fail(new PdfReaderError("FileTimeout", `reading took longer than ${opts.fileTimeoutMs} ms`, currentPage || undefined)),
    opts.fileTimeoutMs,
  );
  const memoryWatch = setInterval(() => {
    const rss = child.pid ? residentBytes(child.pid) : null;
    if (rss !== null && rss > opts.maxMemoryMb * 1024 * 1024)
      fail(
        new PdfReaderError("OutOfMemory", `the PDF reader used ${Math.round(rss / 1024 / 1024)} MB (limit ${opts.maxMemoryMb} MB)`, currentPage || undefined),
      );
  }, MEMORY_POLL_MS);

  child.send({ path: file, maxPages: opts.maxPages, maxPageChars: opts.maxPageChars });
  try {
    for (;;) {
      const m = queue.shift();
      if (!m) {
        if (failure) throw failure;
        await new Promise<void>((r) => (wake = r));
        wake = null;
        continue;
      }
      if (m.type === "error") throw new PdfReaderError(m.name, m.message, m.page);
      if (m.type === "done") return;
      if (m.type === "page") {
        clearTimeout(pageTimer);
        yield { n: m.n, items: m.items };
      } else yield { total: m.total };
    }
  } finally {
    clearTimeout(pageTimer);
    clearTimeout(fileTimer);
    clearInterval(memoryWatch);
    child.removeAllListeners("message");
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
  }
}
