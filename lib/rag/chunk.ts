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

/** Markdown to blocks: `#`..`######` headings, paragraphs split on blank lines, list items kept whole. */
export function markdownBlocks(md: string): Block[] {
  const blocks: Block[] = [];
  let para: string[] = [];
  let inFence = false;
  const endPara = () => {
    const text = para.join("\n").trim();
    if (text) blocks.push({ kind: "text", text: stripInlineMarkdown(text) });
    para = [];
  };
  for (const line of md.split(/\r?\n/)) {
    if (/^\s*(```|~~~)/.test(line)) {
      inFence = !inFence;
      continue;
    }
    const h = !inFence && /^(#{1,6})\s+(.+?)\s*#*\s*$/.exec(line);
    if (h) {
      endPara();
      blocks.push({ kind: "heading", level: h[1]!.length, text: stripInlineMarkdown(h[2]!) });
    } else if (line.trim() === "" || /^\s*([-*+]|\d+\.)\s+/.test(line)) {
      // A list item is its own paragraph: glossary entries ("- **term**: definition") stay whole.
      endPara();
      if (line.trim()) para.push(ensureSentence(line.replace(/^\s*([-*+]|\d+\.)\s+/, "")));
    } else {
      para.push(line);
    }
  }
  endPara();
  return blocks;
}

/** Plain text to blocks: one per paragraph (blank-line separated). */
export function plainTextBlocks(text: string): Block[] {
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => ({ kind: "text" as const, text: p }));
}

function stripInlineMarkdown(s: string): string {
  return s
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
    .replace(/(\*\*|__)(.+?)\1/g, "$2")
    .replace(/(\*|_)(\S.*?)\1/g, "$2")
    .replace(/`([^`]+)`/g, "$1");
}

/** A list item without final punctuation would merge with the next one into a single "sentence". */
function ensureSentence(s: string): string {
  const t = s.trim();
  return /[.!?:;]$/.test(t) ? t : `${t}.`;
}
