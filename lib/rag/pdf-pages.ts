/**
 * A PDF's pages, read by pdf.js in a worker thread. pdf.js parses on whatever thread calls it (in
 * Node its own "worker" is a fake one on the main thread), so a large upload would hold the
 * server's event loop for ~15 ms per page and every other request with it; and a hostile PDF that
 * makes it allocate without end would take the server down. In a worker, parsing runs beside the
 * server, and the worker's heap is capped: running out ends the worker, not the server.
 */
import path from "node:path";
import { Worker } from "node:worker_threads";

export type PdfTextItem = { str: string; hasEOL: boolean; height: number };

type Message =
  | { type: "open"; total: number }
  | { type: "page"; n: number; items: PdfTextItem[] }
  | { type: "done" }
  | { type: "error"; name: string; message: string };

/** A failure inside the worker; `name` is pdf.js's exception name, or "OutOfMemory". */
export class PdfWorkerError extends Error {
  constructor(
    readonly pdfName: string,
    message: string,
  ) {
    super(message);
    this.name = "PdfWorkerError";
  }
}

// Resolved from the project root, like the migrations folder: the file is loaded as it is, not
// bundled, so it works the same under next start, next dev, tests and the benches.
const WORKER_FILE = path.join(process.cwd(), "lib", "rag", "pdf-pages.worker.mjs");

/**
 * Yields the page count first, then each page's text items in order. Stops the worker when the
 * consumer stops early (page limit, error).
 */
export async function* pdfPages(
  bytes: Uint8Array,
  opts: { maxPages: number; maxHeapMb?: number },
): AsyncGenerator<{ total: number } | { n: number; items: PdfTextItem[] }> {
  // pdf.js detaches the buffer it is given; the worker gets its own copy through workerData.
  const worker = new Worker(WORKER_FILE, {
    workerData: { bytes: new Uint8Array(bytes), maxPages: opts.maxPages },
    resourceLimits: { maxOldGenerationSizeMb: opts.maxHeapMb ?? 1024 },
    stdout: false,
    stderr: false,
  });
  const queue: Message[] = [];
  let wake: (() => void) | null = null;
  let ended: PdfWorkerError | null = null;
  const push = (m: Message) => {
    queue.push(m);
    wake?.();
  };
  worker.on("message", push);
  worker.on("error", (e: Error & { code?: string }) =>
    push({
      type: "error",
      name: e.code === "ERR_WORKER_OUT_OF_MEMORY" ? "OutOfMemory" : (e.name ?? "Error"),
      message: e.message,
    }),
  );
  worker.on("exit", (code) => {
    ended = new PdfWorkerError("WorkerExit", `The PDF reader stopped unexpectedly (exit code ${code}).`);
    wake?.();
  });
  try {
    for (;;) {
      const m = queue.shift();
      if (!m) {
        if (ended) throw ended;
        await new Promise<void>((r) => (wake = r));
        wake = null;
        continue;
      }
      if (m.type === "error") throw new PdfWorkerError(m.name, m.message);
      if (m.type === "done") return;
      yield m.type === "open" ? { total: m.total } : { n: m.n, items: m.items };
    }
  } finally {
    worker.removeAllListeners();
    await worker.terminate();
  }
}
