/**
 * Term-definition pairs found in passages, for the offline generator. Three sources, in order of
 * trust: Markdown glossary lines (`- **term**: definition`), "X is/are the ..." sentences, and
 * "... known as / called the X" sentences (PDF text flattens glossaries into prose, so these matter).
 * Every pair keeps the verbatim line or sentence it came from, so its quote is in the passage.
 */
import type { RetrievedChunk } from "@/lib/rag/types";
import { normaliseForMatch } from "../text";

export type Definition = {
  term: string;
  /** The defining text with the term itself masked, so the stem does not give the answer away. */
  definition: string;
  /** Verbatim text from the chunk (the quote). */
  quote: string;
  chunkId: string;
  kind: "glossary" | "copula" | "naming";
};

const MAX_TERM_WORDS = 5;
const MIN_DEF_WORDS = 5;
const MIN_NAMING_WORDS = 10;
const MAX_QUOTE_CHARS = 400;

const GLOSSARY = /^\s*[-*]\s+\*\*([^*\n]{2,80})\*\*\s*:\s*(.+)$/gm;
// Glossary entries once Markdown is flattened to prose: each starts lower-case, "term: definition".
const FLAT_GLOSSARY_SPLIT = /(?<=\.)\s+(?=[a-z0-9][^.:\n]{0,60}: )/;
const FLAT_GLOSSARY_ENTRY = /^([a-z0-9][^.:\n]{1,60}): (.{20,}?)$/;
// "The pericardium is the membrane that ..." / "Cardiomyocytes are ..." at the start of a sentence.
const COPULA = /^(?:[Tt]he |[Aa]n? )?([A-Za-z][\w-]*(?: [\w-]+){0,4}?)(?:,[^,]{3,80},)? (?:is|are) (?:the|a|an) (.+)$/;
// "... a tough membrane known as the pericardium" / "... is called the mediastinum"
const NAMING = /^(.{20,}?)\b(?:known as|called|termed|referred to as) (?:the |an? )?([a-z][\w-]*(?: [a-z][\w-]*){0,3})(?=[,.;(]|$)/;

const BAD_TERM =
  /^(recall|remember|note|consider|imagine|this|that|these|those|it|they|there|which|what|each|one|both|all|some|most|many|more|here|such|figure|table|chapter|section|also|between|within|in|on|at|as|for|from|then|thus|however|another|other|its|their|his|her|our|your|only|first|second|last|middle|next|since|when|whenever|while|because|although|though|if|unless|after|before|during|until|once|whereas|like|unlike|despite|without|with|by|to|of|into|through|under|over|among|along|across|about|above|below|research|researchers|studies|scientists|recent|recently|today|now|so|yet|but|or|and|not|no)\b/i;
// Words that name no concept a student could be asked for ("the result is a …", "a familiar example is …").
const GENERIC_TERM =
  /^(?:(?:familiar|common|good|simple|classic|important|major|main|key|typical|final|overall|net|end) )?(result|results|example|examples|way|ways|part|parts|kind|kinds|type|types|form|forms|role|goal|purpose|reason|effect|effects|amount|number|term|word|name|idea|concept|fact|key|cause|means|step|steps|thing|things|something|outcome|problem|answer|case|point|aspect|feature|features|difference|exception|level|levels|molecules?)$/i;
const BAD_START = /^(it|they|this|these|those|that|you|we|he|she|there|such)\b/i;

function words(s: string) {
  return s.trim().split(/\s+/).filter(Boolean).length;
}

/** Sentences with their exact text (PDF and Markdown both give run-on text with ". " boundaries). */
export function sentences(text: string): string[] {
  return text
    .replace(/\r/g, "")
    .split(/\n{2,}|(?<=[.!?])\s+(?=[A-Z(])/)
    .map((s) => s.replace(/\s+/g, " ").trim())
    .filter((s) => s.length > 0);
}

export const BLANK = "_____";

/** The term (and its plural) replaced by a blank, so the stem does not give the answer away. */
export function maskTerm(text: string, term: string): string {
  const escaped = term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\s+/g, "\\s+");
  return text.replace(new RegExp(`\\b${escaped}(e?s)?\\b`, "gi"), BLANK);
}

function cleanTerm(t: string) {
  // "pericardium or pericardial sac" -> "pericardium": the first name is the one to ask for.
  const first = t.replace(/\s+/g, " ").replace(/^[("'\u201c]+|[)"'\u201d:,]+$/g, "").split(/ or |, /)[0]!.trim();
  // "stroke volume (SV" (the abbreviation cut off by the sentence split): drop the open bracket.
  const open = first.lastIndexOf("(");
  return open > 0 && first.indexOf(")", open) < 0 ? first.slice(0, open).trim() : first;
}

// "A common example of neural stimuli is …" names an example, not a term.
const EXAMPLE_OF = /\b(?:examples?|types?|kinds?|forms?|parts?) of\b/i;

function acceptable(term: string, definition: string, quote: string): boolean {
  if (!term || words(term) > MAX_TERM_WORDS || BAD_TERM.test(term) || GENERIC_TERM.test(term) || EXAMPLE_OF.test(term) || /\d|\band\b/.test(term))
    return false;
  if (words(definition) < MIN_DEF_WORDS || quote.length > MAX_QUOTE_CHARS) return false;
  return true;
}

export function extractDefinitions(chunk: Pick<RetrievedChunk, "chunkId" | "content">): Definition[] {
  const out: Definition[] = [];
  const push = (d: Definition) => {
    if (acceptable(d.term, d.definition, d.quote)) out.push(d);
  };

  for (const m of chunk.content.matchAll(GLOSSARY)) {
    const term = cleanTerm(m[1]!);
    const body = m[2]!.trim();
    // "(also, mitral valve ...) valve located ..." -> drop the synonym note: it names the answer.
    const definition = maskTerm(body.replace(/^\([^)]*\)\s*/, ""), term);
    push({ term, definition, quote: m[0].replace(/^\s*[-*]\s+/, "").trim(), chunkId: chunk.chunkId, kind: "glossary" });
  }

  // A glossary the chunker flattened into one paragraph: "acrosome: cap-like vesicle … . capacitation: process …"
  const entries = chunk.content.split(FLAT_GLOSSARY_SPLIT).map((e) => FLAT_GLOSSARY_ENTRY.exec(e.trim()));
  if (entries.filter(Boolean).length >= 3)
    for (const m of entries) {
      if (!m) continue;
      const term = cleanTerm(m[1]!);
      const definition = maskTerm(m[2]!.replace(/^\([^)]*\)\s*/, "").replace(/\.$/, ""), term);
      push({ term, definition, quote: m[0], chunkId: chunk.chunkId, kind: "glossary" });
    }

  const prose = chunk.content.replace(GLOSSARY, "");
  for (const s of sentences(prose)) {
    if (s.startsWith("#") || s.length > MAX_QUOTE_CHARS) continue;
    const c = COPULA.exec(s);
    if (c) {
      const term = cleanTerm(c[1]!);
      push({ term, definition: maskTerm(`The ${c[2]!}`, term), quote: s, chunkId: chunk.chunkId, kind: "copula" });
      continue;
    }
    if (BAD_START.test(s)) continue;
    const n = NAMING.exec(s);
    if (n) {
      const term = cleanTerm(n[2]!);
      // A cloze: "... a tough membrane known as the _____, or pericardial sac, ..." (synonyms blanked too).
      let definition = maskTerm(s, term);
      for (const alt of n[2]!.split(/ or /).slice(1)) definition = maskTerm(definition, alt);
      definition = definition.replace(new RegExp(`${BLANK}(,? or (?:the )?)[a-z][\\w -]{2,40}?(?=[,.;)])`, "g"), `${BLANK}$1${BLANK}`);
      if (words(definition) >= MIN_NAMING_WORDS) push({ term, definition, quote: s, chunkId: chunk.chunkId, kind: "naming" });
    }
  }
  return out;
}

/** All pairs across passages, one per term (the most trusted kind wins). */
export function definitionPool(chunks: readonly Pick<RetrievedChunk, "chunkId" | "content">[]): Definition[] {
  const rank = { glossary: 0, copula: 1, naming: 2 } as const;
  const byTerm = new Map<string, Definition>();
  for (const c of chunks)
    for (const d of extractDefinitions(c)) {
      const key = normaliseForMatch(d.term);
      const prev = byTerm.get(key);
      if (!prev || rank[d.kind] < rank[prev.kind]) byTerm.set(key, d);
    }
  return [...byTerm.values()];
}
