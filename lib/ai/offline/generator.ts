/**
 * The offline generator: NBME-shaped items written from the student's own passages without a model.
 * Each item is a term-definition pair from a passage; distractors are other terms (or definitions)
 * of the same kind from the same retrieved material. The key is correct by construction, the quote
 * is the verbatim line it came from, and the key's position spreads evenly over A-E across a run in
 * a shuffled order (keyPosition).
 */
import type { RetrievedChunk } from "@/lib/rag/types";
import type { ModelQuestion } from "../schema";
import { jaccard, normaliseForMatch, tokenSet } from "../text";
import { BLANK, type Definition, definitionPool } from "./definitions";

export const OFFLINE_GENERATOR_NAME = "Studyin offline generator (no AI model)";

export type OfflineRequest = {
  topic: string;
  difficulty: number;
  count: number;
  /** Questions already emitted in this run: key positions continue the run's sequence from here. */
  positionOffset?: number;
  /** Quotes already used in this run (a retry round moves on to other pairs). */
  usedQuotes?: ReadonlySet<string>;
  /**
   * More of the student's material, for distractors only: passages retrieved for one topic often
   * define only a few, closely related terms. Keys always come from the retrieved passages.
   */
  distractorChunks?: readonly Pick<RetrievedChunk, "chunkId" | "content">[];
};

const LETTERS = "ABCDE";
const GENERIC_SECTIONS = /^(glossary|key terms|chapter review|review questions|critical thinking questions|introduction|interactive link questions)$/i;

/** Terms a student could defend as also right: synonyms named in the key's text, or overlapping names. */
function conflicts(key: Definition, other: Definition): boolean {
  const a = normaliseForMatch(key.term);
  const b = normaliseForMatch(other.term);
  if (a === b || a.includes(b) || b.includes(a)) return true;
  return normaliseForMatch(key.quote).includes(b) || normaliseForMatch(other.quote).includes(a);
}

/** Definitions that read as an answer option (a cloze sentence does not). */
const optionable = (d: Definition) => d.kind !== "naming" && !d.definition.includes(BLANK) && d.definition.length <= 220;

function pickDistractors(key: Definition, pool: Definition[], n: number, difficulty: number, definitionsAsOptions: boolean): Definition[] {
  const keyTokens = tokenSet(key.definition);
  const candidates = pool
    .filter((d) => d !== key && !conflicts(key, d) && (!definitionsAsOptions || optionable(d)))
    .map((d) => ({ d, sim: jaccard(keyTokens, tokenSet(d.definition)), sameChunk: d.chunkId === key.chunkId }))
    // Same kind first: same passage, then (harder items) the most similar definitions.
    .sort((x, y) => Number(y.sameChunk) - Number(x.sameChunk) || (difficulty >= 3 ? y.sim - x.sim : x.sim - y.sim));
  const chosen: Definition[] = [];
  for (const { d } of candidates) {
    if (chosen.length === n) break;
    if (chosen.some((c) => conflicts(c, d) || normaliseForMatch(c.definition) === normaliseForMatch(d.definition))) continue;
    chosen.push(d);
  }
  return chosen;
}

function relevance(d: Definition, topic: Set<string>): number {
  if (topic.size === 0) return 0;
  const t = tokenSet(`${d.term} ${d.definition}`);
  let hits = 0;
  for (const w of topic) if (t.has(w)) hits++;
  return hits + (tokenSet(d.term).size && [...tokenSet(d.term)].some((w) => topic.has(w)) ? 2 : 0);
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** Empty brackets where the source had a figure reference, and the space they leave. */
const tidy = (s: string) => s.replace(/\s*\(\s*\)/g, "").replace(/\s+([,.;:])/g, "$1");

function writeItem(
  key: Definition,
  distractors: Definition[],
  correctIndex: number,
  chunk: RetrievedChunk | undefined,
  req: OfflineRequest,
  askForTerm: boolean,
): ModelQuestion {
  const ordered = [...distractors];
  ordered.splice(correctIndex, 0, key);
  const section = chunk?.heading?.split(">").pop()!.trim();
  const useful = section && !GENERIC_SECTIONS.test(section);
  let where = useful ? `"${section}" in ${chunk!.materialTitle}` : (chunk?.materialTitle ?? "your material");
  // The context must not name the answer.
  if (askForTerm && normaliseForMatch(where).includes(normaliseForMatch(key.term))) where = "your material";
  const explain = (d: Definition) =>
    d === key
      ? `Correct. The material states: "${key.quote}"`
      : `Incorrect. In the same material, ${d.term} is described differently: "${d.quote}"`;
  const base = {
    correctIndex,
    explanation: `The passage from ${where} says: "${key.quote}" The answer is therefore ${key.term} (${LETTERS[correctIndex]}).`,
    optionExplanations: ordered.map(explain),
    topic: req.topic,
    tags: useful ? [section.slice(0, 60)] : [],
    sourceChunkId: key.chunkId,
    sourceQuote: key.quote,
  };
  if (askForTerm)
    return {
      vignette: `While studying ${where}, a student reads this description: "${capitalise(tidy(key.definition))}"`,
      leadIn:
        key.definition.split(BLANK).length > 2
          ? "Which of the following terms belongs in the blanks?"
          : key.definition.includes(BLANK)
            ? "Which of the following terms belongs in the blank?"
            : "Which of the following terms does this description define?",
      options: ordered.map((d) => d.term),
      ...base,
    };
  return {
    vignette: `A student reviewing ${req.topic} for an exam is asked to recall what the material says about the ${key.term}.`,
    leadIn: `Which of the following best describes the ${key.term}?`,
    options: ordered.map((d) => capitalise(tidy(d.definition))),
    ...base,
  };
}

/** Up to `count` items from the passages (fewer when the passages define too few terms). */
export function offlineQuestions(chunks: readonly RetrievedChunk[], req: OfflineRequest): ModelQuestion[] {
  const byId = new Map(chunks.map((c) => [c.chunkId, c]));
  const keyPool = definitionPool(chunks);
  const retrievedIds = new Set(chunks.map((c) => c.chunkId));
  const pool = definitionPool([...chunks, ...(req.distractorChunks ?? []).filter((c) => !retrievedIds.has(c.chunkId))]);
  if (keyPool.length === 0 || pool.length < 4) return [];
  const topic = tokenSet(req.topic);
  const order = new Map(chunks.map((c, i) => [c.chunkId, i]));
  const keys = pool
    .filter((d) => retrievedIds.has(d.chunkId) && !req.usedQuotes?.has(d.quote))
    .map((d) => ({ d, r: relevance(d, topic) }))
    .sort((a, b) => b.r - a.r || order.get(a.d.chunkId)! - order.get(b.d.chunkId)!)
    .map((x) => x.d);

  const out: ModelQuestion[] = [];
  const offset = req.positionOffset ?? 0;
  for (const key of keys) {
    if (out.length === req.count) break;
    // Alternate the two item shapes; a cloze or over-long definition cannot be an option, so ask for its term.
    let askForTerm = (offset + out.length) % 2 === 0 || !optionable(key);
    let distractors = pickDistractors(key, pool, 4, req.difficulty, !askForTerm);
    if (!askForTerm && distractors.length < 3) {
      askForTerm = true;
      distractors = pickDistractors(key, pool, 4, req.difficulty, false);
    }
    if (distractors.length < 3) continue;
    const position = keyPosition(req.topic, offset + out.length, distractors.length + 1);
    out.push(writeItem(key, distractors, position, byId.get(key.chunkId), req, askForTerm));
  }
  return out;
}

/**
 * Where the k-th key of a run goes among n options: every block of n items uses each position once
 * (so keys spread evenly over A-E), in a shuffled order seeded by the topic and the block (so the
 * letters do not run A, B, C, D, E). Deterministic, for tests and for a repeated request.
 */
export function keyPosition(topic: string, k: number, n: number): number {
  const block = Math.floor(k / n);
  let seed = 2166136261;
  for (const ch of `${topic.toLowerCase()}|${block}|${n}`) seed = Math.imul(seed ^ ch.charCodeAt(0), 16777619);
  const random = () => {
    // mulberry32
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order[k % n]!;
}
