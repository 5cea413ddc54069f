/**
 * Runs pdf.js off the server's main thread (see pdf-pages.ts). Plain ESM, loaded as a file at run
 * time, not bundled. Receives { bytes, maxPages } as workerData and posts, in order:
 *   { type: "open", total }            once the document is parsed (or an error for too many pages)
 *   { type: "page", n, items }          per page: the text items ({ str, hasEOL, height })
 *   { type: "done" }                    after the last page
 *   { type: "error", name, message }    on any failure (name is pdf.js's exception name)
 */
import { parentPort, workerData } from "node:worker_threads";

const post = (m) => parentPort.postMessage(m);

async function main() {
  const { getDocument, VerbosityLevel } = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const task = getDocument({
    data: workerData.bytes,
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
    post({ type: "open", total });
    if (total > workerData.maxPages) return;
    for (let n = 1; n <= total; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const items = [];
      for (const i of content.items) if ("str" in i) items.push({ str: i.str, hasEOL: i.hasEOL, height: i.height });
      page.cleanup();
      post({ type: "page", n, items });
    }
    post({ type: "done" });
  } finally {
    await doc.destroy().catch(() => {});
  }
}

main().catch((e) => post({ type: "error", name: e?.name ?? "Error", message: String(e?.message ?? e) }));
