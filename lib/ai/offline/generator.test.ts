import { describe, expect, it } from "vitest";
import { lintItem } from "../gates/lint";
import { solveExtractive, solverAgrees } from "../gates/solver";
import { chapterPassages, corpusChapters } from "../testing/corpus";
import { normaliseForMatch } from "../text";
import { validateCandidate } from "../validate";
import { keyPosition, offlineQuestions } from "./generator";
import { BLANK, extractDefinitions } from "./definitions";

/** The key's term: the correct option (term items) or the term named in the lead-in (definition items). */
function keyTerm(q: { options: string[]; correctIndex: number; leadIn: string }) {
  const m = /best describes the (.+)\?$/.exec(q.leadIn);
  return m ? m[1]! : q.options[q.correctIndex]!;
}

describe("offline generator over every corpus chapter", () => {
  const chapters = corpusChapters();
  it("finds the chapters", () => expect(chapters.length).toBeGreaterThanOrEqual(20));

  it.each(chapters)("%s: valid items, keys supported by their quotes, positions spread over A-E", (file) => {
    const passages = chapterPassages(file);
    const byId = new Map(passages.map((p) => [p.chunkId, p]));
    const questions = offlineQuestions(passages, { topic: file.replace(/\.md$/, "").replace(/-/g, " "), difficulty: 3, count: 20 });
    expect(questions.length).toBeGreaterThanOrEqual(10);
    const positions = [0, 0, 0, 0, 0];
    for (const q of questions) {
      const v = validateCandidate(q, { chunks: byId, prohibitedTerms: [], seen: [] });
      expect(v.ok, JSON.stringify(v)).toBe(true);
      // Every item passes the gates the pipeline runs: no item-writing flaw, and the blind solver
      // picks the key from the cited passage alone. No "While studying …" preamble.
      expect(lintItem(q), q.vignette).toEqual([]);
      const passage = byId.get(q.sourceChunkId)!.content;
      expect(solverAgrees(solveExtractive({ vignette: q.vignette, leadIn: q.leadIn, options: q.options, passage }), q.correctIndex)).toBe(true);
      expect(q.vignette).not.toMatch(/^While studying|a student reads|A student reviewing/);
      expect(new Set(q.options.map(normaliseForMatch)).size).toBe(q.options.length);
      // The quote names the key's term: the answer is what the passage says.
      expect(normaliseForMatch(q.sourceQuote)).toContain(normaliseForMatch(keyTerm(q)));
      // And the stem (term items) or the keyed option (definition items) does not give it away.
      const term = new RegExp(`\\b${keyTerm(q).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`, "i");
      expect(/best describes/.test(q.leadIn) ? q.options[q.correctIndex] : q.vignette).not.toMatch(term);
      positions[q.correctIndex]!++;
    }
    // One item per sentence: a sentence is one fact.
    expect(new Set(questions.map((q) => q.sourceQuote)).size).toBe(questions.length);
    expect(questions.every((q) => q.options.length === 5)).toBe(true);
    expect(Math.max(...positions) - Math.min(...positions)).toBeLessThanOrEqual(1);
  });
});

describe("keys on the topic only", () => {
  it("never keys an item on a passage or sentence that is not about the topic", () => {
    const all = chapterPassages("the-cardiovascular-system-the-heart.md");
    const questions = offlineQuestions(all, { topic: "heart valves", difficulty: 3, count: 20 });
    expect(questions.length).toBeGreaterThanOrEqual(5);
    const byId = new Map(all.map((p) => [p.chunkId, p]));
    for (const q of questions) {
      const heading = byId.get(q.sourceChunkId)!.heading ?? "";
      expect(/valve/i.test(heading) || /valve/i.test(q.sourceQuote), `${heading} :: ${q.sourceQuote}`).toBe(true);
    }
  });

  it("writes cloze items on key sentences, blanking a term the material defines", () => {
    const all = chapterPassages("the-cardiovascular-system-the-heart.md");
    const questions = offlineQuestions(all, { topic: "conduction system", difficulty: 3, count: 10 });
    const cloze = questions.filter((q) => q.vignette.includes(BLANK) && !/:/.test(q.vignette.slice(0, 8)));
    expect(cloze.length).toBeGreaterThan(0);
    for (const q of cloze) expect(normaliseForMatch(q.sourceQuote)).toContain(normaliseForMatch(q.options[q.correctIndex]!));
  });
  it("never blanks a term inside a compound ('oxygen–hemoglobin saturation/dissociation curve')", () => {
    const all = chapterPassages("the-respiratory-system.md");
    const questions = offlineQuestions(all, { topic: "hemoglobin oxygen saturation", difficulty: 3, count: 10 });
    expect(questions.length).toBeGreaterThan(0);
    for (const q of questions) expect(q.vignette).not.toMatch(new RegExp(`[\\-–—/]${BLANK}|${BLANK}[\\-–—/]`));
  });
});

describe("distractors from the rest of the material", () => {
  it("writes items from narrow passages, keyed only on them, with distractors from the whole chapter", () => {
    const all = chapterPassages("the-cardiovascular-system-the-heart.md");
    // Two passages that define one term each: too few for a five-option item on their own.
    const narrow = all.filter((p) => extractDefinitions(p).length === 1).slice(0, 2);
    const ids = new Set(narrow.map((p) => p.chunkId));
    // The topic is the term the first passage defines, so its key is on the topic.
    const topic = extractDefinitions(narrow[0]!)[0]!.term;
    const alone = offlineQuestions(narrow, { topic, difficulty: 3, count: 5 });
    const wider = offlineQuestions(narrow, { topic, difficulty: 3, count: 5, distractorChunks: all });
    expect(wider.length).toBeGreaterThan(alone.length);
    expect(alone).toHaveLength(0);
    expect(wider.length).toBeGreaterThanOrEqual(1);
    for (const q of wider) expect(ids.has(q.sourceChunkId)).toBe(true);
  });
});

describe("extractDefinitions", () => {
  it.each([
    ["- **auricle**: extension of an atrium visible on the superior surface of the heart", "auricle", "glossary"],
    ["Within the mediastinum, the heart is separated from the other mediastinal structures by a tough membrane known as the pericardium, or pericardial sac.", "pericardium", "naming"],
    ["The myocardium is the thickest layer of the heart wall and is made largely of cardiac muscle cells.", "myocardium", "copula"],
    ["The A band is the dark region of the sarcomere that holds the full length of the thick filaments.", "A band", "copula"],
    // PDF text flattens glossaries; the sentence forms still yield pairs.
    ["Blood leaves the heart through the aorta. The septum between the atria and ventricles is known as the atrioventricular septum.", "atrioventricular septum", "naming"],
  ])("%s", (content, term, kind) => {
    const defs = extractDefinitions({ chunkId: "c", content });
    expect(defs).toContainEqual(expect.objectContaining({ term, kind }));
    const d = defs.find((x) => x.term === term)!;
    expect(content).toContain(d.quote);
    expect(normaliseForMatch(d.definition)).not.toContain(normaliseForMatch(term));
  });

  it.each([
    "It is called the heart because it pumps blood.",
    "This is the most important point of the chapter and worth remembering.",
    "Between the two ventricles is a second septum that is thicker than the first.",
    // Seen in real runs: a conjunction or a word that names nothing taken for the term.
    "Since the heart is a muscular organ, it needs its own supply of oxygenated blood.",
    "A familiar example is the hinge joint that lets the elbow bend in a single plane.",
    "The result is a rise in the pressure inside the ventricle before the valves open.",
    "Research suggests that BPA is a compound that can disrupt the endocrine system.",
    "A common example of neural stimuli is the activation of the adrenal medulla during the stress response.",
  ])("ignores %s", (content) => {
    expect(extractDefinitions({ chunkId: "c", content })).toEqual([]);
  });

  it("reads a glossary the chunker flattened into one paragraph", () => {
    const content =
      "acrosome: cap-like vesicle located at the anterior-most region of a sperm that is rich with lysosomal enzymes. acrosomal reaction: release of digestive enzymes by sperm that enables them to burrow through the corona radiata. capacitation: process that occurs in the female reproductive tract in which sperm are prepared for fertilization";
    const defs = extractDefinitions({ chunkId: "c", content });
    expect(defs.map((d) => d.term)).toEqual(["acrosome", "acrosomal reaction", "capacitation"]);
    for (const d of defs) {
      expect(d.kind).toBe("glossary");
      expect(content).toContain(d.quote);
    }
  });

  it("blanks the term in a cloze", () => {
    const [d] = extractDefinitions({ chunkId: "c", content: "The septum between the atria and ventricles is known as the atrioventricular septum." });
    expect(d!.definition).toContain(BLANK);
  });
});

describe("keyPosition", () => {
  it("uses every position once per block of n, but not in A-E order", () => {
    for (const n of [4, 5]) {
      const seq = Array.from({ length: 40 }, (_, k) => keyPosition("cardiac cycle", k, n));
      for (let b = 0; b < 40 / n; b++) expect([...seq.slice(b * n, b * n + n)].sort()).toEqual(Array.from({ length: n }, (_, i) => i));
      const inOrder = seq.filter((p, k) => p === k % n).length;
      expect(inOrder).toBeLessThan(seq.length / 2);
    }
    expect(keyPosition("cardiac cycle", 7, 5)).toBe(keyPosition("Cardiac Cycle", 7, 5));
  });
});
