/**
 * Gate 2, on-topic: is a retrieved passage about the topic the student typed?
 *
 * Retrieval always returns its nearest passages, even for a topic the material never mentions, so
 * "retrieved" is not evidence. A passage counts as on-topic when one of these holds:
 *   - heading: the topic's content words (stemmed, stopwords dropped) appear in the passage's heading
 *     (all of them for a topic of up to four words; a longer one may miss a quarter, its commonest);
 *     when a section of the material is named for the topic, only a section heading naming it whole
 *     counts (see headingNames);
 *   - text: the same share of the topic's words appear in the passage's text, and the topic's words
 *     occur there at least twice in all (one passing mention is not a passage "on" the topic);
 *   - vector: a semantic embedding model is configured and the passage's cosine distance to the
 *     topic is at most SEMANTIC_ON_TOPIC_DISTANCE. The offline lexical embedder's distances count
 *     shared words, which the two rules above already read directly, so they are never evidence.
 * Generation sees only on-topic passages; fewer than MIN_TOPIC_PASSAGES and the student is told
 * so before anything is generated.
 *
 * A passage can be on the topic and still hold sentences that are not (a glossary passage defines
 * a dozen unrelated terms, a passage on "levels of organization" mentions "functions of life"), so
 * each item is checked too (`itemOnTopic`): its passage's heading matches, or the quoted sentence
 * itself holds the topic's words, or (semantic embedder only) the passage is near the topic by
 * vector. Pure: tested with real textbook passages.
 */
import { LEXICAL_NAME, terms } from "@/lib/rag/lexical-embedder";
import type { RetrievedChunk } from "@/lib/rag/types";

export const MIN_TOPIC_PASSAGES = 3;
export const SEMANTIC_ON_TOPIC_DISTANCE = 0.45;
/** Share of a long topic's words that must match (a topic of up to four words must match whole). */
const LONG_TOPIC_SHARE = 0.75;

export type TopicEvidence = "heading" | "text" | "vector";
type Passage = Pick<RetrievedChunk, "heading" | "content" | "distance">;
export type HeadingScope = "section" | "any";

/** The lexical embedder's stems, with a final "e" dropped so "valve" and "valves" meet. */
const words = (text: string) => terms(text).map((t) => (t.length > 3 ? t.replace(/e$/, "") : t));

export function topicWords(topic: string): string[] {
  return [...new Set(words(topic))];
}

/**
 * The words a match must contain. A topic of up to four words: all of them. A longer one may miss
 * a quarter, but only its most common words in the retrieved passages ("anatomy", "system"), never
 * the rare ones that tell topics apart ("testicular" in "anatomy and physiology of the testicular
 * reproductive system").
 */
function requiredWords(topic: string, passages: readonly Passage[]): string[] {
  const all = topicWords(topic);
  const keep = all.length <= 4 ? all.length : Math.ceil(all.length * LONG_TOPIC_SHARE);
  if (keep === all.length) return all;
  const df = new Map(all.map((w) => [w, 0]));
  for (const p of passages) {
    const inP = new Set(words(`${p.heading ?? ""} ${p.content}`));
    for (const w of all) if (inP.has(w)) df.set(w, df.get(w)! + 1);
  }
  return [...all].sort((a, b) => df.get(a)! - df.get(b)!).slice(0, keep);
}

function counts(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const t of words(text)) out.set(t, (out.get(t) ?? 0) + 1);
  return out;
}

const hasAll = (required: readonly string[], text: string) => {
  const c = counts(text);
  return required.length > 0 && required.every((w) => c.has(w));
};

/** Section headings below the material's title ("Fluid, … Balance > Body Fluids" -> ["Body Fluids"]). */
const sections = (heading: string | null) => {
  const parts = (heading ?? "").split(" > ").filter(Boolean);
  return parts.length > 1 ? parts.slice(1) : parts;
};

/**
 * Does the passage's heading name the topic? When some section of the material is named for the
 * topic (scope "section"), only a single section heading that names it whole counts: the title above
 * every passage, or words spread over two levels ("Ovarian Reproductive System > The Menstrual
 * Cycle" for "ovarian cycle"), are no evidence then. When no section is (scope "any", e.g. "cardiac
 * conduction system" under "Cardiac Muscle … > Conduction System of the Heart", or a topic that is
 * the material's title), the whole heading path counts.
 */
function headingNames(required: readonly string[], heading: string | null, scope: HeadingScope): boolean {
  return scope === "section" ? sections(heading).some((part) => hasAll(required, part)) : hasAll(required, heading ?? "");
}

function evidence(required: readonly string[], passage: Passage, embedder: string, scope: HeadingScope): TopicEvidence | null {
  if (headingNames(required, passage.heading, scope)) return "heading";
  const c = counts(passage.content);
  if (required.length > 0 && required.every((w) => c.has(w)) && required.reduce((n, w) => n + c.get(w)!, 0) >= Math.max(2, required.length))
    return "text";
  const semantic = !embedder.startsWith(LEXICAL_NAME);
  if (semantic && passage.distance != null && passage.distance <= SEMANTIC_ON_TOPIC_DISTANCE) return "vector";
  return null;
}

export type TopicGate<T extends Passage> = {
  scope: HeadingScope;
  /** The passages on the topic, in retrieval order. */
  passages: T[];
  /** Why a passage is on the topic, or null. */
  evidence: (passage: Passage) => TopicEvidence | null;
  /** Is an item quoting `quote` from `passage` on the topic? */
  item: (passage: Passage, quote: string) => boolean;
};

/** The on-topic gate for one request: which retrieved passages may be used, and the per-item check. */
export function topicGate<T extends Passage>(topic: string, retrieved: readonly T[], embedder: string): TopicGate<T> {
  const required = requiredWords(topic, retrieved);
  const scope: HeadingScope = retrieved.some((p) => (p.heading ?? "").includes(" > ") && sections(p.heading).some((part) => hasAll(required, part)))
    ? "section"
    : "any";
  const why = (p: Passage) => evidence(required, p, embedder, scope);
  return {
    scope,
    passages: retrieved.filter((p) => why(p) !== null),
    evidence: why,
    item: (passage, quote) =>
      headingNames(required, passage.heading, scope) || hasAll(required, quote) || why(passage) === "vector",
  };
}

/** Why one passage is on the topic, judged on its own (no other passages to compare with). */
export function topicEvidence(topic: string, passage: Passage, embedder: string): TopicEvidence | null {
  return topicGate(topic, [passage], embedder).evidence(passage);
}

/** Is an item quoting `quote` from `passage` about the topic (judged on that passage alone)? */
export function itemOnTopic(topic: string, passage: Passage, quote: string, embedder: string): boolean {
  return topicGate(topic, [passage], embedder).item(passage, quote);
}

export function onTopicPassages<T extends Passage>(topic: string, passages: readonly T[], embedder: string): T[] {
  return topicGate(topic, passages, embedder).passages;
}

/** The sentence shown instead of generating when the material has too little on the topic. */
export function tooLittleMaterial(topic: string, found: number, selectedOnly: boolean): string {
  const where = selectedOnly ? "The selected material has" : "Your material has";
  const amount = found === 0 ? "no passages" : `${found} passage${found === 1 ? "" : "s"}`;
  return `${where} ${amount} on "${topic}"; upload more on it or pick another topic.`;
}
