/**
 * Gate 4, duplicates by fact: the same source sentence with the same answer is one fact, whichever
 * way round it is asked ("which term is defined as …" and "what is the definition of …" test the
 * same line). The stem check in validate.ts only sees questions worded alike.
 *
 * Two items state the same fact when they cite the same sentence (normalised, or one containing
 * the other) and either their keys are alike (token Jaccard >= KEY_SIMILARITY) or both keys are
 * taken from that sentence (>= GROUNDED_SHARE of each key's words occur in it): a term and its
 * definition from one line are one fact. Two keys not drawn from the sentence (a vignette's
 * diagnosis and a drug, say) are different questions about it, and both may stay.
 */
import { jaccard, normaliseForMatch, tokenSet } from "../text";

export const KEY_SIMILARITY = 0.5;
export const GROUNDED_SHARE = 0.6;

export type Fact = { quote: string; key: string };
type Prepared = { quote: string; key: Set<string>; grounded: boolean };

function prepare(f: Fact): Prepared {
  const quote = normaliseForMatch(f.quote);
  const key = tokenSet(f.key);
  const quoteTokens = tokenSet(f.quote);
  let inQuote = 0;
  for (const w of key) if (quoteTokens.has(w)) inQuote++;
  return { quote, key, grounded: key.size > 0 && inQuote / key.size >= GROUNDED_SHARE };
}

function sameSentence(a: string, b: string): boolean {
  if (!a || !b) return false;
  if (a === b) return true;
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return long.includes(short) && short.length >= 0.6 * long.length;
}

/** The facts already in the bank and in this run; `has` answers "is this one of them?". */
export class FactSet {
  private readonly facts: Prepared[] = [];

  constructor(facts: readonly Fact[] = []) {
    for (const f of facts) this.add(f);
  }

  add(f: Fact) {
    this.facts.push(prepare(f));
  }

  has(f: Fact): boolean {
    const p = prepare(f);
    return this.facts.some(
      (q) => sameSentence(p.quote, q.quote) && (jaccard(p.key, q.key) >= KEY_SIMILARITY || (p.grounded && q.grounded)),
    );
  }
}
