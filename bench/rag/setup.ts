/**
 * Shared set-up for the RAG benchmarks: the app's own database and vector store, as configured.
 * DATABASE_URL set: that Postgres. Unset: embedded PGlite under BENCH_DATA_DIR (default
 * .data-bench, separate from the app's .data). CHROMA_URL unset: the embedded Chroma server under
 * the same dir. The offline embedder is forced (EMBEDDING_MODEL=offline), as the issue asks.
 *
 * The npm scripts bundle each bench with esbuild and run it with plain node: under tsx's loader
 * the process holds ~350 MB more (its transform caches for pdf.js), which is not the app's memory.
 */
import fs from "node:fs";
import path from "node:path";

export const BOOK_PDF = path.resolve(process.cwd(), "../shared/corpus/openstax-ap2e/book-25-chapters.pdf");

export function configureBenchEnv() {
  process.env.EMBEDDING_MODEL = "offline";
  // Embedded PGlite (without DATABASE_URL) and the embedded Chroma live here, apart from the app's .data.
  process.env.DATA_DIR = process.env.BENCH_DATA_DIR || ".data-bench";
  fs.mkdirSync(process.env.DATA_DIR ?? ".data", { recursive: true });
}

/** Peak resident set size of this process, sampled every 20 ms (plus the kernel's high-water mark). */
export function rssSampler() {
  let peak = process.memoryUsage().rss;
  const t = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  t.unref();
  return {
    peakBytes: () => Math.max(peak, highWaterMark(process.pid) ?? 0),
    stop: () => clearInterval(t),
  };
}

/**
 * Peak resident set size of any child process of this one whose command line contains `match`
 * (e.g. the PDF reader), sampled every 20 ms from /proc; null where /proc is missing or none ran.
 */
export function childRssSampler(match: string) {
  let peak: number | null = null;
  const children = (): number[] => {
    try {
      return fs
        .readdirSync(`/proc/${process.pid}/task`)
        .flatMap((t) => fs.readFileSync(`/proc/${process.pid}/task/${t}/children`, "utf8").trim().split(/\s+/))
        .filter(Boolean)
        .map(Number);
    } catch {
      return [];
    }
  };
  const t = setInterval(() => {
    for (const pid of children()) {
      try {
        if (!fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(match)) continue;
        const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
        if (m) peak = Math.max(peak ?? 0, Number(m[1]) * 1024);
      } catch {
        /* exited between the listing and the read */
      }
    }
  }, 20);
  t.unref();
  return { peakBytes: () => peak, stop: () => clearInterval(t) };
}

/** VmHWM (peak RSS) of a process from /proc, in bytes; null where /proc is missing. */
export function highWaterMark(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function line(label: string, value: string) {
  console.log(`${label.padEnd(44)} ${value}`);
}
