/** Text normalisation shared by quote checks, duplicate detection and the offline generator. */

/** Lower-cased, punctuation and quote styles removed, whitespace collapsed: for "does A occur in B". */
export function normaliseForMatch(s: string): string {
  return s
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\u2018\u2019\u201a\u201b\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201e\u2033]/g, '"')
    .replace(/[\u00ad]/g, "") // soft hyphens from PDFs
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

const STOP = new Set(
  "a an the of and or to in on for with by at from is are was were be been as that this which who whom what it its into than then there their these those such not no".split(
    " ",
  ),
);

/** Content-word set, for Jaccard similarity. */
export function tokenSet(s: string): Set<string> {
  return new Set(
    normaliseForMatch(s)
      .split(" ")
      .filter((w) => w.length > 1 && !STOP.has(w)),
  );
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let inter = 0;
  for (const w of a) if (b.has(w)) inter++;
  return inter / (a.size + b.size - inter);
}
