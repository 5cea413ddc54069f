/** The OpenStax corpus as passages, for tests and the benchmark (a simple ~300-word chunker). */
import fs from "node:fs";
import path from "node:path";
import { chunk } from "./fixtures";
import type { RetrievedChunk } from "@/lib/rag/types";

export const CORPUS_DIR = path.resolve(process.cwd(), "../shared/corpus/openstax-ap2e");

export function corpusChapters(): string[] {
  return fs
    .readdirSync(CORPUS_DIR)
    .filter((f) => f.endsWith(".md"))
    .sort();
}

export function chapterText(file: string): string {
  return fs.readFileSync(path.join(CORPUS_DIR, file), "utf8");
}

/** Paragraph-aligned passages of about `maxWords` words, each with its heading path. */
export function chapterPassages(file: string, maxWords = 300, idPrefix = file.replace(/\.md$/, "")): RetrievedChunk[] {
  const out: RetrievedChunk[] = [];
  const headings: string[] = [];
  let buf: string[] = [];
  let words = 0;
  let heading: string | null = null;
  const flush = () => {
    if (buf.length) out.push(chunk(`${idPrefix}-${out.length}`, buf.join("\n\n"), { heading, materialTitle: file, ordinal: out.length }));
    buf = [];
    words = 0;
  };
  for (const para of chapterText(file).split(/\n{2,}/)) {
    const h = /^(#{1,4})\s+(.*)$/.exec(para.trim());
    if (h) {
      flush();
      headings.length = h[1]!.length - 1;
      headings.push(h[2]!.trim());
      heading = headings.filter(Boolean).join(" > ");
      continue;
    }
    buf.push(para);
    words += para.split(/\s+/).length;
    if (words >= maxWords) flush();
  }
  flush();
  return out;
}
