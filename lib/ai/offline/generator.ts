/**
 * The offline generator: recall items written from the student's own passages without a model.
 * Three shapes, each from one sentence of an on-topic passage:
 *   - the term from its description ("Which of the following structures belongs in the blank?"),
 *   - the description from its term ("Which of the following best describes the pericardium?"),
 *   - a cloze on a key sentence: any sentence that names a term the material defines elsewhere.
 * Distractors are other terms (or descriptions) the same material defines, of the same kind as the
 * key where the material has enough (structures with structures, hormones with hormones), never
 * a term named in the key's own sentence. The key is correct by construction, the quote is the
 * verbatim sentence, and before an item is written out it must pass the same item-writing linter
 * and extractive solver the pipeline's gates run. Key positions spread evenly over A-E across a
 * run in a shuffled order (keyPosition). Clinical vignettes need a model.
 */
import { optionLetter } from "@/lib/questions/letters";
import { LEXICAL_NAME } from "@/lib/rag/lexical-embedder";
import type { RetrievedChunk } from "@/lib/rag/types";
import { lintItem } from "../gates/lint";
import { topicGate } from "../gates/on-topic";
import { solveExtractive, solverAgrees } from "../gates/solver";
import type { ModelQuestion } from "../schema";
import { jaccard, normaliseForMatch, tokenSet } from "../text";
import { BLANK, type Definition, definitionPool, maskTerm, sentences } from "./definitions";

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
  /**
   * Write from any sentence of the passages, as a model given them would (the test server's
   * stand-in model); by default only sentences on the topic are keys.
   */
  anyPassage?: boolean;
};

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
  const cls = termClass(key);
  const candidates = pool
    .filter((d) => d !== key && !conflicts(key, d) && (!definitionsAsOptions || optionable(d)))
    .map((d) => ({ d, sim: jaccard(keyTokens, tokenSet(d.definition)), sameClass: termClass(d) === cls, sameChunk: d.chunkId === key.chunkId }))
    // Same kind first (same class of thing, then same passage), then (harder items) the most similar definitions.
    .sort(
      (x, y) =>
        Number(y.sameClass) - Number(x.sameClass) || Number(y.sameChunk) - Number(x.sameChunk) || (difficulty >= 3 ? y.sim - x.sim : x.sim - y.sim),
    );
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
const tidy = (s: string) =>
  s
    .replace(/\s*\((?:see|seen in|as seen in|shown in|as shown in)?\s*\)/gi, "")
    .replace(/\s+([,.;:])/g, "$1");

/** What kind of thing a term names, read from the first words of its definition ("membrane that …"). */
const CLASSES: [RegExp, string][] = [
  [/\b(hormones?)\b/i, "hormones"],
  [/\b(cells?|neurons?|\w+cytes?)\b/i, "cells"],
  [/\b(enzymes?|proteins?|molecules?|ions?|compounds?|substances?|chemicals?|acids?|lipids?|pigments?)\b/i, "substances"],
  [
    /\b(membranes?|valves?|arter(y|ies)|veins?|vessels?|chambers?|layers?|sacs?|cavit(y|ies)|septum|sulcus|muscles?|bones?|glands?|organs?|ducts?|nerves?|ligaments?|tendons?|fibers?|nodes?|bundles?|tissues?|regions?|openings?|branch(es)?|ridges?|canals?|tubes?|folds?|lobes?|cartilages?|joints?|plates?|notch|capillar(y|ies)|atri(um|a)|ventricles?|cords?|tracts?)\b/i,
    "structures",
  ],
  [/\b(conditions?|disorders?|diseases?|reflex(es)?|phases?|periods?)\b/i, "conditions or processes"],
];

export function termClass(d: Definition): string {
  // The head of the definition: a glossary body's first words ("cap-like vesicle located …"), or
  // what follows "is the / are" in a sentence. A cloze sentence names no class.
  let head = "";
  if (d.kind === "glossary") head = d.quote.replace(/^[^:]*:\s*(\([^)]*\)\s*)?/, "");
  else if (d.kind === "copula") head = d.definition.replace(new RegExp(`^The ${BLANK} (is|are) (the |a |an )?`), "");
  return CLASSES.find(([re]) => re.test(head.split(/\s+/).slice(0, 3).join(" ")))?.[1] ?? "terms";
}

type Item = { item: ModelQuestion; key: Definition };

function explainFor(key: Definition, ordered: Definition[], correctIndex: number, where: string, quote: string) {
  return {
    correctIndex,
    explanation: `The passage from ${where} says: "${quote}" The answer is therefore ${key.term} (${optionLetter(correctIndex)}).`,
    optionExplanations: ordered.map((d) =>
      d === key ? `Correct. The material states: "${quote}"` : `Incorrect. In the same material, ${d.term} is described differently: "${d.quote}"`,
    ),
  };
}

function context(chunk: RetrievedChunk | undefined) {
  const section = chunk?.heading?.split(">").pop()!.trim();
  const useful = Boolean(section) && !GENERIC_SECTIONS.test(section!);
  return { section: useful ? section! : undefined, where: useful ? `"${section}" in ${chunk!.materialTitle}` : (chunk?.materialTitle ?? "your material") };
}

const ofClass = (key: Definition, ds: Definition[]) => {
  const cls = termClass(key);
  return cls !== "terms" && ds.every((d) => termClass(d) === cls) ? cls : "terms";
};

/** "Which of the following structures belongs in the blank?": the term from its description. */
function termItem(key: Definition, distractors: Definition[], correctIndex: number, chunk: RetrievedChunk | undefined, req: OfflineRequest): ModelQuestion {
  const ordered = [...distractors];
  ordered.splice(correctIndex, 0, key);
  const { section, where } = context(chunk);
  const blanks = key.definition.split(BLANK).length - 1;
  const stem = capitalise(tidy(blanks > 0 ? key.definition : `${BLANK}: ${key.definition}`));
  const cls = ofClass(key, distractors);
  return {
    vignette: stem,
    leadIn: `Which of the following ${cls} belongs in the ${blanks > 1 ? "blanks" : "blank"}?`,
    options: ordered.map((d) => capitalise(d.term)),
    ...explainFor(key, ordered, correctIndex, where, key.quote),
    topic: req.topic,
    tags: section ? [section.slice(0, 60)] : [],
    sourceChunkId: key.chunkId,
    sourceQuote: key.quote,
  };
}

/** "Which of the following best describes the pericardium?": the description from its term. */
function definitionItem(key: Definition, distractors: Definition[], correctIndex: number, chunk: RetrievedChunk | undefined, req: OfflineRequest): ModelQuestion {
  const ordered = [...distractors];
  ordered.splice(correctIndex, 0, key);
  const { section, where } = context(chunk);
  const describe = (d: Definition) => capitalise(tidy(d.definition.replace(new RegExp(`^The ${BLANK} (is|are) `), "")));
  return {
    vignette: `Consider the ${key.term}${section && !normaliseForMatch(section).includes(normaliseForMatch(key.term)) ? `, from the section "${section}"` : ""}.`,
    leadIn: `Which of the following best describes the ${key.term}?`,
    options: ordered.map(describe),
    ...explainFor(key, ordered, correctIndex, where, key.quote),
    topic: req.topic,
    tags: section ? [section.slice(0, 60)] : [],
    sourceChunkId: key.chunkId,
    sourceQuote: key.quote,
  };
}

/** Sentences that state no fact on their own: pronoun openers need the sentence before; objectives are instructions. */
const NOT_A_FACT =
  /^(it|they|this|these|those|that|such|here|there|identify|describe|explain|list|discuss|compare|contrast|define|summarize|trace|distinguish|name|outline|recall|consider|imagine|note|remember)\b|\?$/i;

/** A cloze on a key sentence of the passage: any sentence that names a term the material defines. */
/** A term found in more than this share of the material's passages is too common to be a cloze's answer ("heart"). */
const CLOZE_MAX_TERM_SHARE = 0.25;

// A whole term, not part of a compound: "oxygen–hemoglobin saturation/dissociation curve" does not
// name "hemoglobin saturation" (blanking it there left "oxygen–_____/dissociation curve").
const termPattern = (term: string) =>
  new RegExp(`(?<![\\p{L}\\p{N}\\-–—/])${term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(e?s)?(?![\\p{L}\\p{N}\\-–—/])`, "iu");

function clozeKeys(
  chunks: readonly RetrievedChunk[],
  vocabulary: Definition[],
  used: ReadonlySet<string>,
  material: readonly Pick<RetrievedChunk, "content">[],
): Definition[] {
  const out: Definition[] = [];
  const specific = vocabulary.filter((d) => {
    const re = termPattern(d.term);
    return material.filter((c) => re.test(c.content)).length <= Math.max(2, CLOZE_MAX_TERM_SHARE * material.length);
  });
  const byLength = [...specific].sort((a, b) => b.term.length - a.term.length);
  for (const c of chunks) {
    if (/\bglossary\b/i.test(c.heading ?? "")) continue;
    for (const s of sentences(c.content.replace(/^\s*[-*]\s+\*\*.*$/gm, ""))) {
      const n = s.split(/\s+/).length;
      if (n < 8 || n > 45 || s.startsWith("#") || used.has(s) || NOT_A_FACT.test(s)) continue;
      const term = byLength.find((d) => termPattern(d.term).test(s));
      if (!term) continue;
      // "a _____" / "an _____" would tell which options fit: the article goes neutral.
      const masked = maskTerm(s, term.term).replace(new RegExp(`\\b([Aa])n? ${BLANK}`, "g"), `$1(n) ${BLANK}`);
      if (masked.split(BLANK).length - 1 > 2 || masked.replace(new RegExp(BLANK, "g"), "").split(/\s+/).length < 6) continue;
      out.push({ term: term.term, definition: masked, quote: s, chunkId: c.chunkId, kind: "naming" });
    }
  }
  return out;
}

/** The writer's own check: the same linter and solver the pipeline's gates run, so it emits only items that pass. */
function passes(item: ModelQuestion, chunk: RetrievedChunk | undefined): boolean {
  if (!chunk || lintItem(item).length > 0) return false;
  return solverAgrees(solveExtractive({ vignette: item.vignette, leadIn: item.leadIn, options: item.options, passage: chunk.content }), item.correctIndex);
}

/** Up to `count` items from the passages (fewer when the passages hold too few facts). */
export function offlineQuestions(chunks: readonly RetrievedChunk[], req: OfflineRequest): ModelQuestion[] {
  const byId = new Map(chunks.map((c) => [c.chunkId, c]));
  const retrievedIds = new Set(chunks.map((c) => c.chunkId));
  const pool = definitionPool([...chunks, ...(req.distractorChunks ?? []).filter((c) => !retrievedIds.has(c.chunkId))]);
  if (pool.length < 4) return [];
  const topic = tokenSet(req.topic);
  const order = new Map(chunks.map((c, i) => [c.chunkId, i]));
  const gate = topicGate(req.topic, chunks, LEXICAL_NAME);
  const onTopic = (d: Definition) => req.anyPassage || gate.item(byId.get(d.chunkId)!, d.quote);
  const definitionKeys = pool.filter((d) => retrievedIds.has(d.chunkId) && !req.usedQuotes?.has(d.quote) && onTopic(d));
  const material = [...chunks, ...(req.distractorChunks ?? []).filter((c) => !retrievedIds.has(c.chunkId))];
  const clozes = clozeKeys(chunks, pool, new Set([...definitionKeys.map((d) => d.quote), ...(req.usedQuotes ?? [])]), material).filter(onTopic);
  // Definitions first (the material says what the term is), then key sentences; most relevant first.
  const keys = [...definitionKeys.map((d) => ({ d, cloze: false })), ...clozes.map((d) => ({ d, cloze: true }))]
    .map((x) => ({ ...x, r: relevance(x.d, topic) }))
    .sort((a, b) => Number(a.cloze) - Number(b.cloze) || b.r - a.r || order.get(a.d.chunkId)! - order.get(b.d.chunkId)!);

  const out: ModelQuestion[] = [];
  const quotes = new Set<string>();
  const offset = req.positionOffset ?? 0;
  for (const { d: key, cloze } of keys) {
    if (out.length === req.count) break;
    if (quotes.has(key.quote)) continue; // one item per sentence: the same fact twice is a duplicate
    const position = keyPosition(req.topic, offset + out.length, 5);
    const tries: Item[] = [];
    const asDefinition = !cloze && (offset + out.length) % 2 === 1 && optionable(key);
    if (asDefinition) {
      const ds = pickDistractors(key, pool, 4, req.difficulty, true);
      if (ds.length === 4) tries.push({ item: definitionItem(key, ds, position, byId.get(key.chunkId), req), key });
    }
    const ds = pickDistractors(key, pool.filter((d) => !cloze || !termPattern(d.term).test(key.quote)), 4, req.difficulty, false);
    if (ds.length === 4) tries.push({ item: termItem(key, ds, position, byId.get(key.chunkId), req), key });
    const ok = tries.find((t) => passes(t.item, byId.get(key.chunkId)));
    if (!ok) continue;
    quotes.add(key.quote);
    out.push(ok.item);
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
