/**
 * Splits extracted text into passages ("chunks") of about `sizeWords` words. Pure: no I/O.
 *
 * Rules, in order of priority:
 * - a heading always starts a new chunk, and a chunk never spans two sections, so every chunk has
 *   one heading path ("Heart Anatomy > Chambers") that tells where it came from;
 * - chunks end at sentence boundaries; a single sentence longer than the size is cut by words;
 * - consecutive chunks of one section share about `overlapWords` words (whole sentences), so a
 *   fact that straddles a boundary is still found whole in one of them;
 * - each chunk keeps the first and last page its sentences came from (PDFs).
 */
import type { Nodes, RootContent } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";

/** What the extractors produce: headings and runs of text, in reading order. */
export type Block =
  | { kind: "heading"; level: number; text: string; page?: number }
  | { kind: "text"; text: string; page?: number };

export type Chunk = {
  ordinal: number;
  content: string;
  /** Heading path, e.g. "Heart Anatomy > Chambers"; null before the first heading. */
  heading: string | null;
  pageStart: number | null;
  pageEnd: number | null;
  wordCount: number;
};

export type ChunkOptions = { sizeWords: number; overlapWords: number };

type Sentence = { text: string; words: number; page: number | null };

const ABBREVIATIONS = /\b(?:e\.g|i\.e|etc|vs|Dr|Mr|Mrs|Ms|Prof|Fig|Figs|approx|et al|No|St|cf|ca)\.$/i;

export const countWords = (s: string) => (s.match(/\S+/g) ?? []).length;

/** Normalises whitespace and joins words hyphenated across line ends ("ventri-\ncle"). */
export function normaliseText(s: string): string {
  return s
    .replace(/(\p{Ll})-\s*\n\s*(\p{Ll})/gu, "$1$2")
    .replace(/\s+/g, " ")
    .trim();
}

/** Sentences of a paragraph; keeps abbreviations like "e.g." and decimals like "1.5" inside. */
export function splitSentences(text: string): string[] {
  const t = normaliseText(text);
  if (!t) return [];
  const parts = t.split(/(?<=[.!?]["')\]]?)\s+(?=["'(\[]?[\p{Lu}\p{N}])/u);
  const out: string[] = [];
  for (const p of parts) {
    const prev = out[out.length - 1];
    if (prev !== undefined && ABBREVIATIONS.test(prev)) out[out.length - 1] = `${prev} ${p}`;
    else out.push(p);
  }
  return out;
}

/** Cuts a sentence longer than `max` words into pieces of at most `max` words. */
function cutLong(s: Sentence, max: number): Sentence[] {
  if (s.words <= max) return [s];
  const words = s.text.split(/\s+/);
  const out: Sentence[] = [];
  for (let i = 0; i < words.length; i += max) {
    const piece = words.slice(i, i + max);
    out.push({ text: piece.join(" "), words: piece.length, page: s.page });
  }
  return out;
}

export function chunkBlocks(blocks: Block[], opts: ChunkOptions): Chunk[] {
  const { sizeWords, overlapWords } = opts;
  const chunks: Chunk[] = [];
  const path: { level: number; text: string }[] = [];
  let heading: string | null = null;
  let current: Sentence[] = [];
  let currentWords = 0;
  /** Sentences already emitted in this section: the next chunk starts with no new text unless it adds some. */
  let carried = 0;

  const emit = () => {
    if (current.length === 0 || current.length === carried) return;
    const pages = current.map((s) => s.page).filter((p): p is number => p !== null);
    chunks.push({
      ordinal: chunks.length,
      content: current.map((s) => s.text).join(" "),
      heading,
      pageStart: pages.length ? Math.min(...pages) : null,
      pageEnd: pages.length ? Math.max(...pages) : null,
      wordCount: currentWords,
    });
  };

  /** Ends the chunk; keeps trailing sentences (up to the overlap) to begin the next one. */
  const flush = (keepOverlap: boolean) => {
    emit();
    let tail: Sentence[] = [];
    if (keepOverlap && overlapWords > 0) {
      let w = 0;
      for (let i = current.length - 1; i >= 0; i--) {
        const s = current[i]!;
        if (w + s.words > overlapWords) break;
        tail = [s, ...tail];
        w += s.words;
      }
      // Never carry the whole chunk: that would repeat it.
      if (tail.length === current.length) tail = tail.slice(1);
    }
    current = tail;
    currentWords = tail.reduce((n, s) => n + s.words, 0);
    carried = tail.length;
  };

  for (const block of blocks) {
    if (block.kind === "heading") {
      const text = normaliseText(block.text);
      if (!text) continue;
      flush(false);
      while (path.length && path[path.length - 1]!.level >= block.level) path.pop();
      path.push({ level: block.level, text });
      heading = path.map((h) => h.text).join(" > ");
      continue;
    }
    for (const raw of splitSentences(block.text)) {
      const whole: Sentence = { text: raw, words: countWords(raw), page: block.page ?? null };
      for (const s of cutLong(whole, sizeWords)) {
        if (currentWords + s.words > sizeWords && current.length > carried) flush(true);
        current.push(s);
        currentWords += s.words;
      }
    }
  }
  flush(false);
  return chunks;
}

/**
 * Markdown to blocks, from its syntax tree (CommonMark, mdast-util-from-markdown): ATX and setext
 * headings; paragraphs; every list item its own block at any depth, so glossary entries ("- **term**:
 * definition") stay whole; code blocks as text; pipe tables one block per row ("Header: cell; ...").
 * Inline markup is reduced to its text (links to their text, images to their alt text).
 */
export function markdownBlocks(md: string): Block[] {
  const blocks: Block[] = [];
  const text = (s: string, listItem = false) => {
    const t = s.trim();
    if (t) blocks.push({ kind: "text", text: listItem ? ensureSentence(t) : t });
  };
  const walk = (nodes: RootContent[], listItem: boolean) => {
    for (const node of nodes) {
      switch (node.type) {
        case "heading":
          blocks.push({ kind: "heading", level: node.depth, text: plain(node) });
          break;
        case "paragraph": {
          const rows = tableRows(md.slice(node.position?.start.offset, node.position?.end.offset));
          if (rows) for (const row of rows) text(row);
          else text(plain(node), listItem);
          break;
        }
        case "code":
          text(node.value);
          break;
        case "html":
          text(plain(node));
          break;
        case "list":
          for (const item of node.children) walk(item.children, true);
          break;
        case "blockquote":
          walk(node.children, listItem);
          break;
        default:
          // Thematic breaks and link definitions carry no text.
          break;
      }
    }
  };
  walk(fromMarkdown(md).children, false);
  return blocks;
}

/** The text of a node: markup dropped, images by their alt text, a hard line break as a space. */
function plain(node: Nodes): string {
  switch (node.type) {
    case "break":
      return " ";
    case "html":
      return node.value.replace(/<!--[\s\S]*?-->|<[^>]*>/g, " ");
    case "image":
    case "imageReference":
      return node.alt ?? "";
    default:
      if ("value" in node) return node.value;
      if ("children" in node) return node.children.map(plain).join("");
      return "";
  }
}

/**
 * A GFM pipe table (plain CommonMark reads it as one paragraph): a header row, a delimiter row
 * ("| --- | :-: |"), then body rows. Each body row becomes one sentence that names its columns, so a
 * row stays whole in a chunk and still says what its cells are. Null when the text is not a table.
 */
function tableRows(raw: string): string[] | null {
  const lines = raw.split(/\r?\n/).map((l) => l.trim());
  if (lines.length < 2 || !lines[0]!.includes("|") || !/^\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?$/.test(lines[1]!)) return null;
  const cells = (line: string) =>
    line
      .replace(/^\|/, "")
      .replace(/(?<!\\)\|$/, "")
      .split(/(?<!\\)\|/)
      .map((c) => plain(fromMarkdown(c.replace(/\\\|/g, "|").trim())));
  const header = cells(lines[0]!);
  return lines.slice(2).flatMap((line) => {
    const row = cells(line)
      .map((cell, i) => (cell && header[i] ? `${header[i]}: ${cell}` : cell))
      .filter(Boolean);
    return row.length ? [ensureSentence(row.join("; "))] : [];
  });
}

/** Plain text to blocks: one per paragraph (blank-line separated). */
export function plainTextBlocks(text: string): Block[] {
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => ({ kind: "text" as const, text: p }));
}

/** A list item without final punctuation would merge with the next one into a single "sentence". */
function ensureSentence(s: string): string {
  const t = s.trim();
  return /[.!?:;]$/.test(t) ? t : `${t}.`;
}
