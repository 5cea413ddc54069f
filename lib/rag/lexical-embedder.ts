/**
 * The offline embedder: hashed, weighted term vectors. Deterministic, no model, no network.
 *
 * Each text becomes a bag of stemmed terms (stopwords dropped) plus adjacent-term bigrams; each
 * term is hashed (FNV-1a) to one of `dim` buckets with a hashed sign (so collisions cancel out on
 * average rather than pile up), weighted by 1 + log(tf), and the vector is L2-normalised so cosine
 * similarity is a dot product. It matches words, not meanings: "heart attack" does not find
 * "myocardial infarction". A configured embedding model does that.
 */

export const LEXICAL_DIMENSION = 1024;
export const LEXICAL_NAME = "offline-lexical";

const STOPWORDS = new Set(
  (
    "a about above after again against all also am an and any are as at be because been before being below between both " +
    "but by can could did do does doing down during each few for from further had has have having he her here hers him " +
    "his how i if in into is it its itself just may me might more most must my no nor not of off on once only or other " +
    "our ours out over own same she should so some such than that the their theirs them then there these they this those " +
    "through to too under until up very was we were what when where which while who whom why will with would you your " +
    "yours one two within without via per upon thus however therefore"
  ).split(" "),
);

/** A light suffix stripper: enough to make "contracts", "contracting", "contracted" one term. */
export function stem(word: string): string {
  let w = word;
  if (w.length <= 3) return w;
  if (w.endsWith("ies") && w.length > 4) return `${w.slice(0, -3)}y`;
  if (w.endsWith("sses")) return w.slice(0, -2);
  for (const suffix of ["ational", "ization", "fulness", "ousness", "iveness", "ments", "ment", "ness", "ing", "edly", "ed", "ly", "es", "s"]) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 3) {
      if (suffix === "s" && (w.endsWith("ss") || w.endsWith("us") || w.endsWith("is"))) continue;
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  // "contracting" -> "contract", "stopped" -> "stopp" -> "stop"
  if (w.length > 3 && w[w.length - 1] === w[w.length - 2] && !"lsz".includes(w[w.length - 1]!)) w = w.slice(0, -1);
  return w;
}

export function terms(text: string): string[] {
  const out: string[] = [];
  for (const m of text.toLowerCase().normalize("NFKD").matchAll(/[\p{L}\p{N}]+/gu)) {
    const w = m[0].replace(/\p{M}/gu, "");
    if (w.length < 2 || STOPWORDS.has(w) || /^\d+$/.test(w)) continue;
    out.push(stem(w));
  }
  return out;
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function embedLexical(text: string, dim = LEXICAL_DIMENSION): number[] {
  // term -> [count, weight per occurrence]; bigrams weigh half ("conduction system" beats
  // "system ... conduction", but a chunk still needs the words themselves to rank).
  const tf = new Map<string, [number, number]>();
  const add = (t: string, w: number) => {
    const cur = tf.get(t);
    if (cur) cur[0]++;
    else tf.set(t, [1, w]);
  };
  const ts = terms(text);
  for (let i = 0; i < ts.length; i++) {
    add(ts[i]!, 1);
    if (i > 0) add(`${ts[i - 1]} ${ts[i]}`, 0.5);
  }
  const v = new Array<number>(dim).fill(0);
  for (const [term, [count, weight]] of tf) {
    const h = fnv1a(term);
    const sign = h & 0x80000000 ? -1 : 1;
    v[h % dim]! += sign * weight * (1 + Math.log(count));
  }
  let norm = 0;
  for (const x of v) norm += x * x;
  norm = Math.sqrt(norm);
  return norm === 0 ? v : v.map((x) => x / norm);
}
