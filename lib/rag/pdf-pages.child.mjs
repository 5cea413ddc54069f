/**
 * Reads a PDF's pages with pdf.js in a child process of its own (see pdf-pages.ts). Plain ESM,
 * loaded as a file at run time, not bundled. Receives over IPC { path, maxPages, maxPageChars }
 * and sends, in order:
 *   { type: "count", total }            the page count found in the file's page tree, before pdf.js
 *                                       parses anything (omitted when the tree is compressed)
 *   { type: "open", total }             once pdf.js has opened the document
 *   { type: "page-start", n }           before reading page n (the parent times each page)
 *   { type: "page", n, items }          page n's text items ({ str, hasEOL, height })
 *   { type: "done" }                    after the last page
 *   { type: "error", name, message }    on any failure (name is pdf.js's exception name, or
 *                                       "PageTooLarge" past maxPageChars)
 * It stops after "count" or "open" when the total is past maxPages, and exits when the parent goes.
 */
import fs from "node:fs";

const send = (m) => new Promise((resolve) => process.send(m, undefined, undefined, () => resolve()));

// Bound to the parent's life: when the server dies, so does any extraction it started.
process.on("disconnect", () => process.exit(0));

/**
 * The page count from the document's page tree, read from the raw bytes: the largest /Count of any
 * /Type /Pages object (the root holds the total). Null when no such object is in plain sight (the
 * tree is in a compressed object stream): pdf.js then counts the pages, still before reading any.
 */
function scanPageCount(bytes) {
  const text = bytes.toString("latin1");
  const pagesType = /\/Type\s*\/Pages(?![A-Za-z])/g;
  let best = null;
  for (let m = pagesType.exec(text); m; m = pagesType.exec(text)) {
    const start = text.lastIndexOf(" obj", m.index);
    const end = text.indexOf("endobj", m.index);
    if (start < 0 || end < 0) continue;
    const count = /\/Count\s+(\d+)/.exec(text.slice(start, end));
    if (count) best = Math.max(best ?? 0, Number(count[1]));
  }
  return best;
}

async function readPages({ path, maxPages, maxPageChars }) {
  const bytes = fs.readFileSync(path);
  const counted = scanPageCount(bytes);
  if (counted !== null) {
    await send({ type: "count", total: counted });
    if (counted > maxPages) return;
  }
  const { getDocument, VerbosityLevel } = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const task = getDocument({
    data: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    isEvalSupported: false, // CVE-2024-4367: never run font code through eval
    verbosity: VerbosityLevel.ERRORS,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
  });
  let doc;
  try {
    doc = await task.promise;
  } catch (e) {
    await task.destroy().catch(() => {});
    throw e;
  }
  try {
    const total = doc.numPages;
    await send({ type: "open", total });
    if (total > maxPages) return;
    for (let n = 1; n <= total; n++) {
      void send({ type: "page-start", n }); // in order with the rest; no need to wait for it
      const page = await doc.getPage(n);
      const items = [];
      let chars = 0;
      // Streamed, so a page with an enormous text layer is stopped at the limit, not after it.
      const reader = page.streamTextContent().getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        for (const i of value.items) {
          if (!("str" in i)) continue;
          chars += i.str.length;
          items.push({ str: i.str, hasEOL: i.hasEOL, height: i.height });
        }
        if (chars > maxPageChars) {
          await reader.cancel().catch(() => {});
          const e = new Error(`page ${n} has more than ${maxPageChars} characters of text`);
          e.name = "PageTooLarge";
          e.page = n;
          throw e;
        }
      }
      page.cleanup();
      await send({ type: "page", n, items });
    }
    await send({ type: "done" });
  } finally {
    await doc.destroy().catch(() => {});
  }
}

process.once("message", (job) => {
  readPages(job)
    .catch((e) => send({ type: "error", name: e?.name ?? "Error", message: String(e?.message ?? e), page: e?.page }))
    .finally(() => process.disconnect?.());
});
