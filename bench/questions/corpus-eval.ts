/**
 * The question-quality evaluation over the OpenStax corpus, as functions (bench/questions/run.ts
 * prints them; bench/questions/corpus-eval.test.ts checks a chapter in CI).
 *
 * Each chapter is chunked by the app's own Markdown chunker and searched the way retrieveContext
 * does offline (lexical vectors and full-text, fused by reciprocal rank), all in memory, so the
 * 25 chapters run in seconds without a database. Generation is the real pipeline (runPipeline with
 * the offline writer and every gate), one student's bank per chapter, so later topics are checked
 * against earlier ones for duplicates.
 */
import fs from "node:fs";
import path from "node:path";
import { type BankIndex, type PipelineResult, runPipeline } from "@/lib/ai/pipeline";
import type { CompletedQuestion } from "@/lib/ai/events";
import { lintItem } from "@/lib/ai/gates/lint";
import { MIN_TOPIC_PASSAGES, topicGate, topicWords } from "@/lib/ai/gates/on-topic";
import { questionWriter } from "@/lib/ai/providers";
import { parseEnv } from "@/lib/env";
import { normaliseForMatch } from "@/lib/ai/text";
import { questionFingerprint } from "@/lib/ai/validate";
import { chunkBlocks, markdownBlocks } from "@/lib/rag/chunk";
import { reciprocalRankFusion } from "@/lib/rag/fusion";
import { LEXICAL_DIMENSION, LEXICAL_NAME, embedLexical, terms } from "@/lib/rag/lexical-embedder";
import type { RetrievedChunk } from "@/lib/rag/types";

export const CORPUS_DIR = path.resolve(process.cwd(), "../shared/corpus/openstax-ap2e");
const EMBEDDER = `${LEXICAL_NAME}:${LEXICAL_DIMENSION}`;
const GENERIC = /^(introduction|glossary|key terms|chapter review|review questions|critical thinking questions|interactive link questions)$/i;
const TOP_K = 16; // what prepareGeneration retrieves for the offline writer
const REQUESTED = 10;

/** What every evaluation run passes the pipeline alike (the template only matters to a model). */
export const EVAL_RUN = {
  template: { id: "eval", name: "nbme-item-writer", version: 2, template: "{{passages}}", weight: 1 },
  difficulty: 3,
  level: 2,
  prohibitedTerms: [],
  timeoutMs: 60_000,
  maxOutputTokens: 8000,
  maxQuestionChars: 16_000,
  signal: new AbortController().signal,
};

export type Passage = RetrievedChunk & { vector: number[]; words: Set<string> };

export function chapterChunks(file: string): Passage[] {
  const md = fs.readFileSync(path.join(CORPUS_DIR, file), "utf8");
  return chunkBlocks(markdownBlocks(md), { sizeWords: 300, overlapWords: 40 }).map((c) => ({
    chunkId: `${file}#${c.ordinal}`,
    materialId: file,
    materialTitle: file.replace(/\.md$/, ""),
    fileName: file,
    ordinal: c.ordinal,
    pageStart: null,
    pageEnd: null,
    heading: c.heading,
    content: c.content,
    distance: null,
    textRank: null,
    score: 0,
    vector: embedLexical(c.heading ? `${c.heading}\n${c.content}` : c.content),
    words: new Set(terms(c.content)),
  }));
}

/** retrieveContext's offline hybrid search, in memory: cosine over lexical vectors + all-words text match, fused. */
export function retrieve(passages: Passage[], topic: string, limit = TOP_K): RetrievedChunk[] {
  const q = embedLexical(topic);
  const words = terms(topic);
  const byVector = passages
    .map((p) => ({ p, d: 1 - p.vector.reduce((s, x, i) => s + x * q[i]!, 0) }))
    .sort((a, b) => a.d - b.d)
    .slice(0, limit * 3);
  const byText = passages
    .map((p) => ({ p, n: words.filter((w) => p.words.has(w)).length }))
    .filter((x) => x.n === words.length && words.length > 0)
    .slice(0, limit * 3);
  const distance = new Map(byVector.map((x) => [x.p.chunkId, x.d]));
  const fused = reciprocalRankFusion([byVector.map((x) => x.p.chunkId), byText.map((x) => x.p.chunkId)]).slice(0, limit);
  const byId = new Map(passages.map((p) => [p.chunkId, p]));
  return fused.map((f) => {
    const { vector, words, ...p } = byId.get(f.id)!;
    void vector;
    void words;
    return { ...p, distance: distance.get(f.id) ?? null, textRank: byText.some((x) => x.p.chunkId === f.id) ? 1 : null, score: f.score };
  });
}

/** Section headings worth a topic (not "Glossary"), with the heading path prefix that marks their section. */
export function chapterTopics(passages: Passage[], n = 5): { topic: string; section: string }[] {
  const words = new Map<string, number>();
  for (const p of passages) {
    if (!p.heading) continue;
    const parts = p.heading.split(" > ");
    for (let i = 1; i < parts.length; i++) {
      const key = parts.slice(0, i + 1).join(" > ");
      words.set(key, (words.get(key) ?? 0) + p.content.split(/\s+/).length);
    }
  }
  const candidates = [...words.entries()]
    .filter(([k, w]) => w >= 600 && !GENERIC.test(k.split(" > ").at(-1)!) && topicWords(k.split(" > ").at(-1)!).length > 0)
    .map(([k]) => k);
  const step = candidates.length / n;
  return Array.from({ length: Math.min(n, candidates.length) }, (_, i) => candidates[Math.floor(i * step)]!).map((section) => ({
    topic: section.split(" > ").at(-1)!.replace(/\s*\([^)]*\)/g, ""),
    section,
  }));
}

/** Topics from other chapters that this chapter's text never mentions (no passage holds all their words). */
export function uncoveredTopics(passages: Passage[], pool: string[], n = 2): string[] {
  return pool
    .filter((t) => {
      const w = [...new Set(terms(t))];
      return w.length > 0 && !passages.some((p) => w.every((x) => p.words.has(x)));
    })
    .slice(0, n);
}

export type TopicRun = {
  chapter: string;
  topic: string;
  covered: boolean;
  refused: boolean;
  result?: PipelineResult;
  delivered: CompletedQuestion[];
  /**
   * Delivered items whose passage lies outside the topic's section (not under its heading, nor under
   * a heading that names all the topic's words) and whose quote lacks the topic's words.
   */
  offTopic: number;
  offTopicItems: CompletedQuestion[];
};

export async function runTopic(
  chapter: string,
  passages: Passage[],
  t: { topic: string; section?: string },
  bank: BankIndex,
): Promise<TopicRun> {
  const retrieved = retrieve(passages, t.topic);
  const gate = topicGate(t.topic, retrieved, EMBEDDER);
  const onTopic = gate.passages;
  const base = { chapter, topic: t.topic, covered: Boolean(t.section), delivered: [] as CompletedQuestion[], offTopic: 0, offTopicItems: [] };
  if (onTopic.length < MIN_TOPIC_PASSAGES) return { ...base, refused: true };
  const writer = questionWriter(parseEnv({}));
  const delivered: CompletedQuestion[] = [];
  const result = await runPipeline({
    writer,
    chunks: onTopic,
    distractorChunks: passages,
    ...EVAL_RUN,
    topic: t.topic,
    count: REQUESTED,
    bank,
    maxAttemptsPerQuestion: 2,
    onTopic: gate.item,
    emit: () => {},
    accept: async (a) => {
      delivered.push(a.completed);
      bank.fingerprints.push(questionFingerprint(a.question));
      bank.facts.push({ quote: a.question.sourceQuote, key: a.question.options[a.question.correctIndex]! });
      return { questionId: `q${delivered.length}` };
    },
  });
  const words = topicWords(t.topic);
  const offTopicItems = delivered.filter((q) => {
    // In the topic's section: under its heading, or under another heading that names the topic.
    const inSection =
      (t.section && q.source.heading?.startsWith(t.section)) ||
      (q.source.heading ?? "").split(" > ").some((h) => {
        const hw = new Set(terms(h).map((w) => (w.length > 3 ? w.replace(/e$/, "") : w)));
        return words.every((w) => hw.has(w));
      });
    const quoteWords = new Set(terms(q.sourceQuote).map((w) => (w.length > 3 ? w.replace(/e$/, "") : w)));
    return !inSection && !words.every((w) => quoteWords.has(w));
  });
  return { ...base, refused: false, result, delivered, offTopic: offTopicItems.length, offTopicItems };
}

/** Chi-square statistic and p-value of counts against a uniform spread (upper tail, df = k - 1). */
export function chiSquareUniform(counts: number[]): { chi2: number; p: number } {
  const total = counts.reduce((a, b) => a + b, 0);
  const expected = total / counts.length;
  const chi2 = counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
  return { chi2, p: 1 - chiSquareCdf(chi2, counts.length - 1) };
}

/** Regularised lower incomplete gamma P(k/2, x/2) by its series (enough for df <= 10). */
function chiSquareCdf(x: number, df: number): number {
  if (x <= 0) return 0;
  const a = df / 2;
  const z = x / 2;
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n < 500; n++) {
    term *= z / (a + n);
    sum += term;
    if (term < sum * 1e-12) break;
  }
  return Math.min(1, sum * Math.exp(-z + a * Math.log(z) - logGamma(a)));
}

function logGamma(x: number): number {
  // Lanczos approximation.
  const g = 7;
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  x -= 1;
  let a = c[0]!;
  const t = x + g + 0.5;
  for (let i = 1; i < g + 2; i++) a += c[i]! / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Flaws the linter finds in what was delivered (the goal is none). */
export const deliveredFlaws = (qs: CompletedQuestion[]) => qs.reduce((n, q) => n + (lintItem(q).length > 0 ? 1 : 0), 0);

/** Pairs of delivered items in a chapter that cite the same sentence (a duplicate fact slipped through). */
export function duplicatePairs(qs: CompletedQuestion[]): number {
  const seen = new Map<string, number>();
  let pairs = 0;
  for (const q of qs) {
    const k = normaliseForMatch(q.sourceQuote);
    pairs += seen.get(k) ?? 0;
    seen.set(k, (seen.get(k) ?? 0) + 1);
  }
  return pairs;
}
