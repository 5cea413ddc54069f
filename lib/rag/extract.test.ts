import fs from "node:fs";
import { describe, expect, test } from "vitest";
import { bombPdf, encryptedPdf, garbagePdf, imageOnlyPdf, manyPagesPdf, pathologicalTextPdf, textPdf, truncated } from "@/tests/fixtures/pdf";
import { IngestError, extractPdf, extractTextual, materialTypeOf, sniffContent } from "./extract";

const HEART_PDF = "../shared/corpus/openstax-ap2e/the-cardiovascular-system-the-heart.pdf";
const enc = (s: string) => new TextEncoder().encode(s);

describe("extractPdf", () => {
  test("reads each page's text with its page number", async () => {
    const pages: number[] = [];
    const r = await extractPdf(textPdf(["The atrium receives blood.", "The ventricle pumps it."]), {
      maxPages: 10,
      onPage: (n) => void pages.push(n),
    });
    expect(r.pageCount).toBe(2);
    expect(pages).toEqual([1, 2]);
    expect(r.blocks).toEqual([
      { kind: "text", text: "The atrium receives blood.", page: 1 },
      { kind: "text", text: "The ventricle pumps it.", page: 2 },
    ]);
  });

  test.each([
    ["an image-only PDF", imageOnlyPdf(), /no text layer.*OCR is not supported/],
    ["an encrypted PDF", encryptedPdf(), /password-protected/],
    ["a corrupt PDF", garbagePdf(), /damaged or incomplete/],
    ["a truncated PDF", truncated(textPdf(["Some text.", "More text."])), /damaged|could not be read/],
  ])("refuses %s with a reason a student understands", async (_, bytes, reason) => {
    const err = await extractPdf(bytes, { maxPages: 10 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IngestError);
    expect((err as Error).message).toMatch(reason);
  });

  test("checks the page limit before reading any page", async () => {
    let read = 0;
    const err = await extractPdf(textPdf(["a.", "b.", "c."]), { maxPages: 2, onPage: () => void read++ }).catch((e: unknown) => e);
    expect((err as Error).message).toBe("This PDF has 3 pages; the limit is 2 pages per file.");
    expect(read).toBe(0);
  });

  test("a PDF that needs more memory than allowed is refused, and the server goes on", async () => {
    const bytes = new Uint8Array(fs.readFileSync(HEART_PDF));
    // A memory cap below what even an idle Node process holds: the reader dies, not this process.
    const err = await extractPdf(bytes, { maxPages: 1000, maxMemoryMb: 8 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IngestError);
    expect((err as Error).message).toMatch(/needs more memory to read than a file may use \(8 MB\)/);
    const ok = await extractPdf(textPdf(["Still serving."]), { maxPages: 10 });
    expect(ok.blocks).toEqual([{ kind: "text", text: "Still serving.", page: 1 }]);
  });

  test("a decompression bomb (1 MB inflating to 1 GB) fails with a clear reason; this process's memory barely moves", async () => {
    const bomb = bombPdf(1024);
    expect(bomb.byteLength).toBeLessThan(1.2 * 1024 * 1024);
    const before = process.memoryUsage().rss;
    let peak = before;
    const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
    const err = await extractPdf(bomb, { maxPages: 10, maxMemoryMb: 512 }).catch((e: unknown) => e);
    clearInterval(sample);
    expect(err).toBeInstanceOf(IngestError);
    expect((err as Error).message).toMatch(/needs more memory to read than a file may use \(512 MB\)/);
    // The reader's gigabyte is its own; here the growth is the copy of the file and noise.
    expect(peak - before).toBeLessThan(64 * 1024 * 1024);
  }, 60_000);

  test("a pathological text layer is stopped at the page's time budget with the page named", async () => {
    const pdf = pathologicalTextPdf(); // 16.7 million text runs on page 1: minutes of pdf.js work
    expect(pdf.byteLength).toBeLessThan(20 * 1024);
    const err = await extractPdf(pdf, { maxPages: 10, pageTimeoutMs: 1500 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IngestError);
    expect((err as Error).message).toMatch(/^Page 1 of this PDF (took longer than 2 s to read \(the limit per page\)|has an unusually large text layer)/);
  }, 30_000);

  test("a page with more text than any real page is refused by size", async () => {
    const err = await extractPdf(pathologicalTextPdf(5, 8), { maxPages: 10, maxPageChars: 10_000 }).catch((e: unknown) => e);
    expect((err as Error).message).toBe(
      "Page 1 of this PDF has an unusually large text layer (more than 10,000 characters), so the file was stopped. Try exporting it again.",
    );
  });

  test("the whole file has a time budget too", async () => {
    const err = await extractPdf(textPdf(["a.", "b."]), { maxPages: 10, fileTimeoutMs: 1 }).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/took longer than 0 s to read \(the limit per file\)/);
  });

  test("a 200,000-page PDF is refused from its page tree, before pdf.js reads it", async () => {
    let read = 0;
    const pdf = manyPagesPdf(200_000); // 32 MB
    const before = process.memoryUsage().rss;
    let peak = before;
    const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
    // A page budget far below pdf.js's open time for this file: only the page-tree scan can answer.
    const err = await extractPdf(pdf, { maxPages: 1000, pageTimeoutMs: 1500, onPage: () => void read++ }).catch((e: unknown) => e);
    clearInterval(sample);
    expect((err as Error).message).toBe("This PDF has 200,000 pages; the limit is 1,000 pages per file.");
    expect(read).toBe(0);
    // pdf.js opening it in this process cost ~500 MB; the scan runs in the reader process.
    expect(peak - before).toBeLessThan(100 * 1024 * 1024);
  }, 30_000);

  test("finds the textbook's headings by font size, on the right pages", async () => {
    const r = await extractPdf(new Uint8Array(fs.readFileSync(HEART_PDF)), { maxPages: 1000 });
    expect(r.pageCount).toBe(36);
    const headings = r.blocks.filter((b) => b.kind === "heading");
    expect(headings).toContainEqual({ kind: "heading", level: 1, text: "The Cardiovascular System: The Heart", page: 1 });
    expect(headings).toContainEqual({ kind: "heading", level: 3, text: "Chambers and Circulation through the Heart", page: 3 });
  });
});

describe("textual files and sniffing", () => {
  test.each([
    ["notes.pdf", "pdf"],
    ["Notes.Markdown", "markdown"],
    ["a.md", "markdown"],
    ["a.txt", "text"],
    ["a.docx", null],
  ])("materialTypeOf(%s) = %s", (name, type) => expect(materialTypeOf(name)).toBe(type));

  test.each([
    ["pdf", enc("hello, I am text"), /not a PDF/],
    ["pdf", new Uint8Array(), /empty/],
    ["text", new Uint8Array([72, 0, 1, 2]), /binary/],
    ["markdown", enc("# Title\n\nText."), null],
  ] as const)("sniffContent(%s)", (type, bytes, reason) => {
    const r = sniffContent(type, bytes);
    if (reason === null) expect(r).toBeNull();
    else expect(r).toMatch(reason);
  });

  test("invalid UTF-8 and text-free files are refused", () => {
    expect(() => extractTextual("text", new Uint8Array([0xc3, 0x28, 0x41]))).toThrow(/not valid UTF-8/);
    expect(() => extractTextual("markdown", enc("# \n\n---\n"))).toThrow(/no text/);
  });
});
