/**
 * Item-writing-flaw linter: the NBME Item-Writing Guide's flaw list as deterministic checks, one
 * per rule. Pure; each rule returns one plain sentence naming the offending option, or null.
 * docs/item-writing-flaws.md says which NBME flaws are checked here and which cannot be.
 *
 * The rules lean towards letting a good item through: a clinical vignette with five diagnoses, or a
 * recall item whose options are all anatomical terms, must lint clean. Thresholds:
 * - longest_is_correct: the key is more than 1.5x the next longest option AND at least 20 characters
 *   longer. Both: term options differ in length naturally ("Hypertrophic obstructive cardiomyopathy"
 *   vs "Dilated cardiomyopathy" is 1.8x but only 17 characters), and a long key among long options
 *   (definitions) is only a cue when the gap is large in relative terms too.
 * - mixed_option_kinds: a term is at most 3 words, a description at least 8; options mixing the two,
 *   or mixing full sentences (ending in a period) with phrases, are not one kind.
 * - overlapping_options: one option's words contained in another's, or the same content words
 *   (stemmed, any order within each "and"/comma part; digits and single letters kept so "Type 1" /
 *   "Type 2" and "Vitamin A" / "Vitamin D" differ). No looser similarity: parallel distractors that
 *   differ in one word are good items.
 */
import { optionLetter } from "@/lib/questions/letters";
import { normaliseForMatch } from "../text";

export type LintItem = { vignette: string; leadIn: string; options: readonly string[]; correctIndex: number };
export type LintRule =
  | "fragment_option"
  | "mixed_option_kinds"
  | "longest_is_correct"
  | "clang"
  | "key_in_stem"
  | "grammatical_cue"
  | "all_none_of_above"
  | "negative_stem"
  | "absolute_terms"
  | "overlapping_options"
  | "boilerplate_stem"
  | "malformed_stem"
  | "vague_terms"
  | "inconsistent_numeric";
export type LintFlaw = { rule: LintRule; message: string };

export const LONGEST_RATIO = 1.5;
export const LONGEST_MIN_EXTRA_CHARS = 20;
export const TERM_MAX_WORDS = 3;
export const DESCRIPTION_MIN_WORDS = 8;
const BLANK_RE = /_{3,}/;

// ---------------------------------------------------------------- words

const set = (s: string) => new Set(s.split(/\s+/).filter(Boolean));
const STOP = set(`a an the of and or to in on for with by at from is are was were be been being as that this which who whom
  whose what it its into than then there their these those such not no nor but if so do does did has have had can could may might
  will would should shall most more less least very following best likely describes described term terms option options`);
/** Words too general to be a cue when the key repeats them ("patient", "cells", "increased"). */
const GENERIC = set(`patient patients human man woman boy girl child infant year years old month months week weeks day days hour hours
  history presents presented shows examination physical normal abnormal cell cells tissue tissues blood body organ organs structure
  structures region regions area areas part parts portion portions type types form forms system systems level levels process
  processes function functions disease diseases disorder disorders syndrome condition conditions cause causes caused effect effects
  result results response responses rate rates change changes activity production release increase increased increases decrease
  decreased decreases acute chronic left right upper lower anterior posterior superior inferior medial lateral proximal distal
  primary secondary major minor small large high low mechanism finding findings diagnosis treatment student material passage
  description question answer also known called heart lung lungs liver kidney kidneys brain skin muscle muscles`);

/** Plural- and Latin-ending-insensitive stem: atrium/atria, bronchus/bronchi, ganglion/ganglia, arteries/artery. */
export function lightStem(w: string): string {
  if (w.length <= 3 || /\d/.test(w)) return w;
  let s = w;
  if (s.endsWith("ies") && s.length > 4) s = `${s.slice(0, -3)}y`;
  else if (s.endsWith("sses")) s = s.slice(0, -2);
  else if (/[^aeiou]uses$/.test(s)) s = s.slice(0, -2);
  else if (s.endsWith("ae")) s = s.slice(0, -1);
  else if (s.endsWith("s") && !/(ss|us|is)$/.test(s)) s = s.slice(0, -1);
  if (/(um|[^o]us|on)$/.test(s) && s.length > 5) s = s.slice(0, -2);
  else if (/[ai]$/.test(s) && s.length > 4) s = s.slice(0, -1);
  return s;
}

const wordsOf = (s: string) => normaliseForMatch(s).split(" ").filter(Boolean);
const stems = (s: string) => wordsOf(s).map(lightStem);
/** Stemmed content words (no stopwords); digits and single letters kept. */
const contentStems = (s: string) => wordsOf(s).filter((w) => !STOP.has(w)).map(lightStem);
/** Content words a cue can hang on (not generic, at least 4 letters), by stem. */
const cueWords = (s: string) =>
  new Map(
    wordsOf(s)
      .filter((w) => w.length >= 4 && !STOP.has(w) && !GENERIC.has(w) && !/^\d+$/.test(w))
      .map((w) => [lightStem(w), w]),
  );

function containsSeq(hay: string[], needle: string[]): boolean {
  if (needle.length === 0 || needle.length > hay.length) return false;
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

const label = (item: LintItem, i: number) => `${optionLetter(i)} ("${item.options[i]!.trim()}")`;
const labels = (item: LintItem, idx: number[]) => idx.map((i) => label(item, i)).join(", ");
const stemText = (item: LintItem) => `${item.vignette} ${item.leadIn}`;
const distractors = (item: LintItem) => item.options.map((_, i) => i).filter((i) => i !== item.correctIndex);
const keyText = (item: LintItem) => item.options[item.correctIndex] ?? "";
const plainWords = (s: string) => s.trim().split(/\s+/).filter(Boolean);

function unbalanced(s: string): string | null {
  const count = (re: RegExp) => (s.match(re) ?? []).length;
  if (count(/\(/g) !== count(/\)/g)) return "an unclosed or unopened bracket";
  if (count(/\[/g) !== count(/\]/g)) return "an unclosed or unopened square bracket";
  if (count(/\u201c/g) !== count(/\u201d/g) || count(/"/g) % 2 === 1) return "an unpaired quotation mark";
  return null;
}

// ---------------------------------------------------------------- rules

const SUBORDINATORS = set(`and or but nor so yet since because while although though whereas if unless when whenever where
  wherever whether until once than which who whom whose what that however therefore thus hence`);
const PREPOSITIONS = set(`of in on at to from by with without into onto upon for about between among through throughout during
  within under over above below via per against toward towards across along around beyond despite after before`);
const ANAPHORS = set("it its this these those they them their such");
const IMPERATIVES = set("remember note recall consider notice suppose assume imagine see compare");
const PARTICIPLES = set("found made given seen known taken held built bound shown thought");
const DANGLING_END = set("of the a an and or to in on at by with from for as than that which is are was were be its their nor but");

function fragmentReason(option: string, parallel: { preposition: boolean; participle: boolean }): string | null {
  const ws = plainWords(option.replace(/^["'\u201c(]+/, ""));
  if (ws.length === 0) return "is empty";
  const first = ws[0]!.toLowerCase().replace(/[^a-z']/g, "");
  const second = (ws[1] ?? "").toLowerCase().replace(/[^a-z]/g, "");
  if (SUBORDINATORS.has(first)) return `starts with "${first}", so it reads as a fragment of a sentence`;
  if (ANAPHORS.has(first)) return `starts with "${first}", which points back to text the student cannot see`;
  if (IMPERATIVES.has(first) && (second === "that" || ws.length > 2)) return `starts with "${first} …", an instruction rather than an answer`;
  // "In human development, the period …": a context phrase before the noun phrase is fine.
  const contextFirst = /^[^,;]{3,40}, \S+ \S+ \S+/.test(option.trim());
  if (PREPOSITIONS.has(first) && !parallel.preposition && !contextFirst) return `starts with the preposition "${first}" while the other options do not`;
  // "Emerging from the hilum", "Included in this": a participle cut from a sentence. "Mapping of
  // regions" and "Learning the nerves" are gerunds, which are noun phrases.
  // When every option opens this way ("Increased by half", "Decreased by half") they are parallel.
  const participle = /^[a-z]{3,}ed$/.test(first) || PARTICIPLES.has(first);
  const gerund = /^[a-z]{3,}ing$/.test(first);
  const cut = (participle && (PREPOSITIONS.has(second) || ["the", "a", "an", "this"].includes(second))) || (gerund && PREPOSITIONS.has(second) && second !== "of");
  if (cut && !parallel.participle)
    return `starts with "${ws[0]} ${ws[1]}", a participle phrase cut from a sentence`;
  const last = ws[ws.length - 1]!;
  if (/[,;:\-\u2013\u2014/(]$/.test(last)) return `ends with "${last.slice(-1)}", as if cut off`;
  if (ws.length > 1 && DANGLING_END.has(last.toLowerCase())) return `ends with "${last}", as if cut off`;
  const u = unbalanced(option);
  if (u) return `has ${u}`;
  return null;
}

const isParticiple = (w: string) => /^[a-z]{3,}(ed|ing)$/.test(w) || PARTICIPLES.has(w);

function fragmentOption(item: LintItem): string | null {
  const firstWord = (o: string) => (plainWords(o)[0] ?? "").toLowerCase();
  const all = (test: (w: string) => boolean) => item.options.length > 0 && item.options.every((o) => test(firstWord(o)));
  const parallel = { preposition: all((w) => PREPOSITIONS.has(w)), participle: all(isParticiple) };
  for (let i = 0; i < item.options.length; i++) {
    const why = fragmentReason(item.options[i]!, parallel);
    if (why) return `Option ${label(item, i)} ${why}; every option should be a complete noun phrase or sentence.`;
  }
  return null;
}

function mixedOptionKinds(item: LintItem): string | null {
  const n = item.options.map((o) => plainWords(o).length);
  const terms = n.flatMap((w, i) => (w <= TERM_MAX_WORDS ? [i] : []));
  const long = n.flatMap((w, i) => (w >= DESCRIPTION_MIN_WORDS ? [i] : []));
  if (terms.length && long.length)
    return `Options ${labels(item, terms)} are short terms but ${labels(item, long)} ${long.length > 1 ? "are" : "is a"} long description${long.length > 1 ? "s" : ""}; write all options as the same kind and similar length.`;
  const isSentence = (o: string) => /[.!?]["'\u201d)]?$/.test(o.trim()) && plainWords(o).length >= 4;
  const multi = item.options.map((o, i) => i).filter((i) => n[i]! > 1);
  const sentences = multi.filter((i) => isSentence(item.options[i]!));
  if (sentences.length && sentences.length < multi.length)
    return `Option${sentences.length > 1 ? "s" : ""} ${labels(item, sentences)} ${sentences.length > 1 ? "end" : "ends"} with a full stop like a sentence while the others are phrases; write all options the same way.`;
  return null;
}

function longestIsCorrect(item: LintItem): string | null {
  if (item.options.length < 3) return null;
  const len = item.options.map((o) => o.trim().length);
  const key = len[item.correctIndex] ?? 0;
  const next = Math.max(...distractors(item).map((i) => len[i]!));
  if (key > LONGEST_RATIO * next && key - next >= LONGEST_MIN_EXTRA_CHARS)
    return `The correct option ${label(item, item.correctIndex)} is much longer than every other option (${key} vs at most ${next} characters), a cue students learn to use.`;
  return null;
}

/** The key's head noun ("valve" in "tricuspid valve", "bundle" in "bundle of His"). */
function headNoun(option: string): string | null {
  const ws = wordsOf(option.replace(/\([^)]*\)/g, " "));
  const ofAt = ws.indexOf("of");
  const head = ofAt > 0 ? ws[ofAt - 1] : ws[ws.length - 1];
  return head ? lightStem(head) : null;
}

/** The key's head noun when the stem names it and no distractor shares it. */
function givenAwayHead(item: LintItem): string | null {
  const key = keyText(item);
  // A long option (a definition) has no reliable head noun.
  const n = plainWords(key).length;
  if (n < 2 || n > 4) return null;
  const head = headNoun(key);
  if (!head || head.length < 4 || GENERIC.has(head) || STOP.has(head)) return null;
  if (!stems(stemText(item)).includes(head)) return null;
  if (distractors(item).some((i) => stems(item.options[i]!).includes(head))) return null;
  return head;
}

/** The whole key, word for word (stemmed), in the stem. */
function keyVerbatimInStem(item: LintItem): boolean {
  const keyStems = stems(keyText(item).replace(/\([^)]*\)/g, " "));
  return keyStems.some((w) => !STOP.has(w)) && containsSeq(stems(stemText(item)), keyStems);
}

function keyInStem(item: LintItem): string | null {
  const key = keyText(item);
  if (keyVerbatimInStem(item))
    return `The stem already contains the answer: option ${label(item, item.correctIndex)} appears in it word for word.`;
  const head = givenAwayHead(item);
  if (head)
    return `The stem names "${wordsOf(key).find((w) => lightStem(w) === head) ?? head}", the main noun of the correct option ${label(item, item.correctIndex)}, and no other option has it.`;
  return null;
}

function clang(item: LintItem): string | null {
  if (keyVerbatimInStem(item)) return null; // key_in_stem reports it
  const head = givenAwayHead(item);
  const stem = cueWords(stemText(item));
  const shared = new Set(distractors(item).flatMap((i) => [...cueWords(item.options[i]!).keys()]));
  const hits = [...cueWords(keyText(item))].filter(([s]) => s !== head && stem.has(s) && !shared.has(s)).map(([, w]) => w);
  if (hits.length === 0) return null;
  return `The correct option ${label(item, item.correctIndex)} repeats "${hits.join('", "')}" from the stem and no other option does (a word-repeat cue).`;
}

function vowelSound(option: string): boolean | null {
  const w = plainWords(option.replace(/^["'\u201c(]+/, ""))[0];
  if (!w) return null;
  if (/^[A-Z]{2,}\b/.test(w)) return "AEFHILMNORSX".includes(w[0]!);
  if (/^\d/.test(w)) return /^(8|11|18)(\D|$)|^8\d/.test(w);
  const l = w.toLowerCase();
  if (/^(hour|honest|honou?r|heir|herb)/.test(l)) return true;
  if (/^(uni|use|usu|ute|uti|uvu|ura|ure|uri|uro|eu|ewe|one\b|once)/.test(l)) return false;
  return /^[aeiou]/.test(l);
}

/** Singular/plural of an option, from its head noun; null when unclear. */
function isPlural(option: string): boolean | null {
  const ws = wordsOf(option.replace(/\([^)]*\)/g, " "));
  const ofAt = ws.indexOf("of");
  const head = ofAt > 0 ? ws[ofAt - 1] : ws[ws.length - 1];
  if (!head || head.length < 3) return null;
  if (/(ss|us|is|ous|ics)$/.test(head)) return false;
  if (/(s|ae)$/.test(head) || (/[^aeiou]i$/.test(head) && head.length > 4)) return true;
  return /a$/.test(head) ? null : false; // atria / anemia: cannot tell
}

function grammaticalCue(item: LintItem): string | null {
  const stem = stemText(item).trim();
  const article =
    /\b(a|an)\s*[.:?\u2026]*$/i.exec(item.leadIn.trim())?.[1] ?? new RegExp(`\\b(a|an)\\s+${BLANK_RE.source}`, "i").exec(stem)?.[1];
  if (article) {
    const wantVowel = article.toLowerCase() === "an";
    const off = item.options.flatMap((o, i) => (vowelSound(o) === !wantVowel ? [i] : []));
    if (off.length)
      return `The stem ends in "${article}", which does not fit option${off.length > 1 ? "s" : ""} ${labels(item, off)}; a grammatical mismatch lets a student rule options out.`;
  }
  const lead = item.leadIn.toLowerCase();
  const plural = item.options.map(isPlural);
  if (/\bwhich (of the following )?(\w+ )?(are|were|include)\b/.test(lead) && !/\bwhich of the following (is|was)\b/.test(lead)) {
    const singular = plural.flatMap((p, i) => (p === false ? [i] : []));
    if (singular.length && singular.length < item.options.length)
      return `The lead-in asks for a plural answer ("are"/"were") but option${singular.length > 1 ? "s" : ""} ${labels(item, singular)} ${singular.length > 1 ? "are" : "is"} singular.`;
  }
  if (/\b(is|was)\b/.test(lead) && plural[item.correctIndex] === false && distractors(item).every((i) => plural[i] === true))
    return `The lead-in asks for a singular answer ("is") and only the correct option ${label(item, item.correctIndex)} is singular.`;
  return null;
}

const ALL_NONE = [
  /\b(all|none|both|either|neither) of (the )?(above|these|those|preceding|options|choices|answers)\b/i,
  /\ball the above\b/i,
  /^(all|none|both|neither)\.?$/i,
  /^(?:[Bb]oth |[Oo]ptions? |[Bb]oth options )?[A-E](,? [A-E])*,? (and|or|&) [A-E]\.?$/,
  /\b(all|none) (are|is|is not|are not) (correct|true|right)\b/i,
];

function allNoneOfAbove(item: LintItem): string | null {
  const i = item.options.findIndex((o) => ALL_NONE.some((re) => re.test(o.trim())));
  return i < 0
    ? null
    : `Option ${label(item, i)} is an "all/none of the above" or combination option, which NBME single-best-answer items do not use.`;
}

function negativeStem(item: LintItem): string | null {
  const lead = item.leadIn;
  const hit =
    /\bEXCEPT\b/i.exec(lead) ??
    /\bNOT\b/.exec(lead) ??
    /\bLEAST\b/.exec(lead) ??
    /\bleast (likely|appropriate|accurate|correct|common|consistent|useful|probable)\b/i.exec(lead) ??
    /\bwhich (of the following )?(\w+ )?(is|are|was|were|does|do|did|would|could|should|can|will|has|have)(n't| not)\b/i.exec(lead) ??
    /\b(is|are) (false|incorrect|untrue|inaccurate)\b|\b(false|incorrect|untrue) (statement|about)\b/i.exec(lead);
  return hit
    ? `The lead-in is negatively worded ("${hit[0]}"); ask for the one best answer instead of the exception.`
    : null;
}

const ABSOLUTES = ["always", "never", "all", "none", "only", "completely", "entirely", "exclusively", "invariably", "every", "totally"];

function absoluteTerms(item: LintItem): string | null {
  const stem = new Set(wordsOf(stemText(item)));
  for (let i = 0; i < item.options.length; i++) {
    const o = item.options[i]!;
    if (ALL_NONE.some((re) => re.test(o.trim()))) continue; // all_none_of_above says it
    const word = ABSOLUTES.find((a) => !stem.has(a) && new RegExp(`(?<![\\w-])${a}(?![\\w-])`, "i").test(o));
    if (word) return `Option ${label(item, i)} uses the absolute term "${word}", which test-wise students learn is usually wrong.`;
  }
  return null;
}

/**
 * An option's content words, order-free within each part ("and", comma, semicolon), so reordered
 * parts match ("Increased preload and decreased afterload") but swapped modifiers do not ("High TSH
 * and low free T4" / "Low TSH and high free T4"). No looser similarity: parallel distractors that
 * differ in the one word that matters ("recessive"/"dominant") are good items.
 */
function sameWordsKey(option: string): string {
  return option
    .replace(/\([^)]*\)/g, " ")
    .split(/,|;|\band\b|\bwith\b/i)
    .map((part) => [...new Set(contentStems(part))].sort().join(" "))
    .filter(Boolean)
    .sort()
    .join(" | ");
}

function overlappingOptions(item: LintItem): string | null {
  const seqs = item.options.map((o) => stems(o.replace(/\([^)]*\)/g, " ")));
  const sameWords = item.options.map(sameWordsKey);
  for (let i = 0; i < item.options.length; i++)
    for (let j = 0; j < item.options.length; j++) {
      if (i === j) continue;
      if (i < j && sameWords[i] && sameWords[i] === sameWords[j])
        return `Options ${label(item, i)} and ${label(item, j)} say the same thing in other words.`;
      // A one-word option inside another counts only as the other's head ("Joints" in "Fibrous joint",
      // not "Cells" in "Cell cycle control"); longer ones always.
      const [x, y] = [seqs[i]!, seqs[j]!];
      const asHead = x.length > 1 || headNoun(item.options[j]!) === x[0];
      if (x.length < y.length && asHead && x.some((w) => !STOP.has(w)) && containsSeq(y, x))
        return `Option ${label(item, i)} is contained in option ${label(item, j)}, so both could be defended.`;
    }
  return null;
}

const BOILERPLATE = [
  /\bwhile (studying|reading|reviewing)\b.{0,200}?\ba student (reads|reviews|sees|comes across|encounters)\b/i,
  /\ba student (reviewing|studying|reading)\b.{0,200}?\b(asked|wants|needs|tries) to (recall|identify|name|remember)\b/i,
  /\b(according to|based on|as described in) the (passage|text|material|reading|chapter|textbook|description)\b/i,
  /\bthe (passage|text|material|textbook|chapter) (states|says|describes|mentions|explains)\b/i,
  /\bwhat the (material|passage|text) says\b/i,
];

function boilerplateStem(item: LintItem): string | null {
  const stem = stemText(item);
  const hit = BOILERPLATE.map((re) => re.exec(stem)).find(Boolean);
  if (hit) return `The stem uses study-guide boilerplate ("${hit[0]}") instead of a clinical or scientific scenario.`;
  const lead = item.leadIn.trim();
  if (plainWords(lead).length < 3) return `The lead-in "${lead}" is missing or too short to be a question.`;
  if (!/\?["'\u201d)]?$/.test(lead) && !BLANK_RE.test(lead))
    return `The lead-in "${lead}" is not a question; a one-best-answer item asks a clear question.`;
  return null;
}

function malformedStem(item: LintItem): string | null {
  for (const [part, text] of [["vignette", item.vignette], ["lead-in", item.leadIn]] as const) {
    const u = unbalanced(text);
    if (u) return `The ${part} has ${u}.`;
  }
  if (/\s(of|the|a|an|and|or|to)\s*$/i.test(item.vignette)) return "The vignette stops mid-sentence.";
  return null;
}

const VAGUE = ["usually", "often", "frequently", "occasionally", "sometimes", "rarely", "seldom", "commonly", "generally", "typically"];

function vagueTerms(item: LintItem): string | null {
  for (let i = 0; i < item.options.length; i++) {
    const word = VAGUE.find((v) => new RegExp(`\\b${v}\\b`, "i").test(item.options[i]!));
    if (word) return `Option ${label(item, i)} uses the vague frequency term "${word}", which experts read differently.`;
  }
  return null;
}

const NUMERIC = /^\s*[~<>\u2264\u2265]?\s*(-?\d+(?:[.,]\d+)?)(?:\s*(?:-|\u2013|to)\s*(-?\d+(?:[.,]\d+)?))?\s*(.*)$/;

function inconsistentNumeric(item: LintItem): string | null {
  if (item.options.length < 3) return null;
  const parsed = item.options.map((o) => NUMERIC.exec(o.trim()));
  if (parsed.some((m) => !m)) return null;
  const rows = parsed.map((m) => ({
    lo: Number(m![1]!.replace(",", ".")),
    hi: Number((m![2] ?? m![1]!).replace(",", ".")),
    unit: m![3]!.trim().toLowerCase(),
  }));
  if (new Set(rows.map((r) => r.unit)).size > 1)
    return `The numeric options are not in the same unit or format (${item.options.map((o) => `"${o.trim()}"`).join(", ")}).`;
  const up = rows.every((r, i) => i === 0 || r.lo >= rows[i - 1]!.lo);
  const down = rows.every((r, i) => i === 0 || r.lo <= rows[i - 1]!.lo);
  if (!up && !down) return "The numeric options are not listed in ascending or descending order.";
  for (let i = 0; i < rows.length; i++)
    for (let j = i + 1; j < rows.length; j++)
      if (rows[i]!.lo !== rows[i]!.hi || rows[j]!.lo !== rows[j]!.hi)
        if (rows[i]!.lo <= rows[j]!.hi && rows[j]!.lo <= rows[i]!.hi)
          return `The ranges in options ${label(item, i)} and ${label(item, j)} overlap.`;
  return null;
}

export const LINT_RULES: readonly { rule: LintRule; describe: string; check: (item: LintItem) => string | null }[] = [
  { rule: "fragment_option", describe: "Every option is a complete noun phrase or sentence (no leading conjunction, dangling end or unpaired bracket).", check: fragmentOption },
  { rule: "mixed_option_kinds", describe: "Options are one kind: all short terms or all descriptions, all phrases or all sentences.", check: mixedOptionKinds },
  { rule: "longest_is_correct", describe: `The key is not the clearly longest option (> ${LONGEST_RATIO}x and ${LONGEST_MIN_EXTRA_CHARS}+ characters longer).`, check: longestIsCorrect },
  { rule: "clang", describe: "The key does not repeat a content word of the stem that no distractor shares.", check: clang },
  { rule: "key_in_stem", describe: "The stem does not contain the key or its head noun.", check: keyInStem },
  { rule: "grammatical_cue", describe: "Every option fits the lead-in's article (a/an) and number (is/are).", check: grammaticalCue },
  { rule: "all_none_of_above", describe: 'No "all/none of the above" or "A and C" options.', check: allNoneOfAbove },
  { rule: "negative_stem", describe: "The lead-in is not negative (NOT, EXCEPT, LEAST, false).", check: negativeStem },
  { rule: "absolute_terms", describe: "No absolute terms (always, never, only, all …) in options that the stem does not use.", check: absoluteTerms },
  { rule: "overlapping_options", describe: "No option duplicates or contains another.", check: overlappingOptions },
  { rule: "boilerplate_stem", describe: "The stem is a scenario, not study-guide boilerplate; the lead-in is a question.", check: boilerplateStem },
  { rule: "malformed_stem", describe: "The vignette and lead-in have paired brackets and quotes and end cleanly.", check: malformedStem },
  { rule: "vague_terms", describe: "No vague frequency terms (usually, often, rarely …) in options.", check: vagueTerms },
  { rule: "inconsistent_numeric", describe: "Numeric options share one unit, are in order and do not overlap.", check: inconsistentNumeric },
];

/** Every flaw in the item, in rule order; [] when it is clean. */
export function lintItem(item: LintItem): LintFlaw[] {
  return LINT_RULES.flatMap(({ rule, check }) => {
    const message = check(item);
    return message ? [{ rule, message }] : [];
  });
}
