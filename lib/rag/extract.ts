/**
 * Text extraction: PDF with pdf.js in a child process (page by page, keeping page numbers and font-size headings),
 * Markdown with its headings, plain text by paragraph. Unusable input throws an `IngestError`
 * whose message a student understands.
 */
import type { MaterialType } from "@/db/schema/materials";
import { type Block, markdownBlocks, plainTextBlocks } from "./chunk";
import { type PdfReadLimits, PdfReaderError, type PdfTextItem, pdfPages, readLimits } from "./pdf-pages";

export { materialTypeOf } from "./file-types";

export class IngestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "IngestError";
  }
}

export type Extracted = { pageCount: number | null; blocks: Block[] };
export type PageProgress = (current: number, total: number) => void | Promise<void>;

export const PDF_MAGIC = "%PDF-";

/** Cheap checks on the bytes, before any parsing: wrong format, empty, binary text. */
export function sniffContent(type: MaterialType, bytes: Uint8Array): string | null {
  if (bytes.byteLength === 0) return "The file is empty.";
  if (type === "pdf") {
    // The header may follow a little junk; pdf.js accepts it within the first 1 KB.
    const head = Buffer.from(bytes.subarray(0, 1024)).toString("latin1");
    if (!head.includes(PDF_MAGIC)) return "This file is named .pdf but is not a PDF document.";
    return null;
  }
  if (bytes.subarray(0, 8192).includes(0)) return "This file looks binary, not text. Upload PDF, Markdown or plain text.";
  return null;
}

export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    throw new IngestError("This file is not valid UTF-8 text. Save it as UTF-8 and upload it again.");
  }
}

export function extractTextual(type: "markdown" | "text", bytes: Uint8Array): Extracted {
  const text = decodeText(bytes);
  const blocks = type === "markdown" ? markdownBlocks(text) : plainTextBlocks(text);
  if (!blocks.some((b) => b.kind === "text" && /\p{L}/u.test(b.text))) throw new IngestError("The file has no text in it.");
  return { pageCount: null, blocks };
}

type TextItem = PdfTextItem;

const seconds = (ms: number) => `${Math.round(ms / 1000).toLocaleString("en-US")} s`;
const pageOf = (e: PdfReaderError) => (e.page ? `Page ${e.page} of this PDF` : "This PDF");

/** Maps reader failures (pdf.js exceptions by name, and our budgets) to reasons a student understands. */
function pdfFailure(e: unknown, limits: Required<PdfReadLimits>): IngestError {
  if (e instanceof IngestError) return e;
  const name = e instanceof PdfReaderError ? e.pdfName : ((e as { name?: string })?.name ?? "");
  if (name === "PasswordException")
    return new IngestError("This PDF is password-protected (encrypted). Remove the password and upload it again.");
  if (name === "InvalidPDFException")
    return new IngestError("This PDF is damaged or incomplete and cannot be read. Try exporting it again.");
  // Inside the reader, a failed allocation surfaces as a RangeError before the watch kills it.
  const allocation = name === "RangeError" && /alloc|invalid (typed )?array length/i.test((e as Error).message);
  if (name === "OutOfMemory" || allocation)
    return new IngestError(
      `This PDF needs more memory to read than a file may use (${limits.maxMemoryMb} MB): its contents expand to far more than its size. Try splitting it or exporting it again.`,
    );
  if (name === "PageTimeout" && e instanceof PdfReaderError)
    return new IngestError(
      e.page
        ? `${pageOf(e)} took longer than ${seconds(limits.pageTimeoutMs)} to read (the limit per page), so the file was stopped. Try exporting it again or removing that page.`
        : `This PDF took longer than ${seconds(limits.pageTimeoutMs)} to open, so it was stopped. Try exporting it again.`,
    );
  if (name === "FileTimeout")
    return new IngestError(`This PDF took longer than ${seconds(limits.fileTimeoutMs)} to read (the limit per file), so it was stopped. Try splitting it into smaller files.`);
  if (name === "PageTooLarge" && e instanceof PdfReaderError)
    return new IngestError(
      `${pageOf(e)} has an unusually large text layer (more than ${limits.maxPageChars.toLocaleString("en-US")} characters), so the file was stopped. Try exporting it again.`,
    );
  if (!(e instanceof PdfReaderError)) console.error("[extract] PDF reader failed:", e);
  return new IngestError("This PDF could not be read (it may be damaged or truncated). Try exporting it again.");
}

/**
 * Reads every page's text of a PDF (pdf.js in a child process with memory, time and text budgets,
 * lib/rag/pdf-pages.ts). `source` is the file's path or its bytes. The page count is checked
 * against `maxPages` before any page is read. Headings are lines set noticeably larger than the
 * body text (the most common size).
 */
export async function extractPdf(
  source: string | Uint8Array,
  opts: PdfReadLimits & { onPage?: PageProgress },
): Promise<Extracted> {
  const { onPage, ...given } = opts;
  const limits = readLimits(given);
  try {
    const blocks: Block[] = [];
    const sizeChars = new Map<number, number>(); // font size -> characters, over pages read so far
    let letters = 0;
    let total = 0;
    for await (const step of pdfPages(source, limits)) {
      if ("total" in step) {
        total = step.total;
        if (total > opts.maxPages)
          throw new IngestError(`This PDF has ${total.toLocaleString("en-US")} pages; the limit is ${opts.maxPages.toLocaleString("en-US")} pages per file.`);
        continue;
      }
      letters += pageBlocks(step.items, step.n, sizeChars, blocks);
      await onPage?.(step.n, total);
    }
    if (letters === 0)
      throw new IngestError(
        "This PDF has no text layer (it looks like scanned images). OCR is not supported: upload a PDF with selectable text.",
      );
    return { pageCount: total, blocks };
  } catch (e) {
    throw pdfFailure(e, limits);
  }
}

/** Appends one page's headings and paragraphs to `out`; returns how many letters the page had. */
function pageBlocks(items: TextItem[], page: number, sizeChars: Map<number, number>, out: Block[]): number {
  type Line = { text: string; size: number };
  const lines: Line[] = [];
  let text = "";
  let size = 0;
  for (const it of items) {
    text += it.str;
    if (it.str.trim()) size = Math.max(size, Math.round(it.height * 2) / 2);
    if (it.hasEOL) {
      lines.push({ text, size });
      text = "";
      size = 0;
    }
  }
  if (text.trim()) lines.push({ text, size });

  let letters = 0;
  for (const l of lines) {
    const n = (l.text.match(/\p{L}/gu) ?? []).length;
    letters += n;
    if (l.size > 0) sizeChars.set(l.size, (sizeChars.get(l.size) ?? 0) + n);
  }
  const body = [...sizeChars.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;

  let para: string[] = [];
  const endPara = () => {
    const t = para.join("\n").trim();
    if (t) out.push({ kind: "text", text: t, page });
    para = [];
  };
  for (const l of lines) {
    const t = l.text.trim();
    const words = t ? t.split(/\s+/).length : 0;
    const isHeading =
      body > 0 && l.size >= body * 1.05 && words > 0 && words <= 14 && /\p{L}/u.test(t) && !/[.,;:]$/.test(t);
    if (isHeading) {
      endPara();
      const ratio = l.size / body;
      out.push({ kind: "heading", level: ratio >= 1.6 ? 1 : ratio >= 1.25 ? 2 : 3, text: t, page });
    } else {
      para.push(l.text);
    }
  }
  endPara();
  return letters;
}
