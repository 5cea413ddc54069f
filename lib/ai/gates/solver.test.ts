import { describe, expect, it } from "vitest";
import { offlineQuestions } from "../offline/generator";
import { chapterPassages, chapterText, corpusChapters } from "../testing/corpus";
import { goodQuestion, HEART as HEART_CHUNK, secondQuestion } from "../testing/fixtures";
import { type SolverInput, solveExtractive, solverAgrees, stemContent, SUPPORT_MIN } from "./solver";

/** The OpenStax paragraph containing `needle`, verbatim. */
function paragraph(file: string, needle: string): string {
  const p = chapterText(`${file}.md`)
    .split(/\n{2,}/)
    .find((x) => x.includes(needle));
  if (!p) throw new Error(`no paragraph with "${needle}" in ${file}`);
  return p;
}

const HEART = "the-cardiovascular-system-the-heart";
const BLOOD = "the-cardiovascular-system-blood";
const RESP = "the-respiratory-system";
const SA = paragraph(HEART, "Normal cardiac rhythm is established by the sinoatrial (SA) node");
const CYCLE = paragraph(HEART, "The period of time that begins with contraction of the atria");
const MEDIASTINUM = paragraph(HEART, "The human heart is located within the thoracic cavity");
const SEPTA = paragraph(HEART, "The word septum is derived from the Latin");
const RBC = paragraph(BLOOD, "When the number of RBCs or hemoglobin is deficient");
const POLY = paragraph(BLOOD, "an elevated RBC count is called polycythemia");
const BREATHING = paragraph(RESP, "Quiet breathing, also known as eupnea");
const EMBOLUS = paragraph(BLOOD, "it is referred to as an embolus");

type Item = SolverInput & { key: number };
const item = (vignette: string, leadIn: string, options: string[], key: number, passage: string): Item => ({ vignette, leadIn, options, key, passage });
const CLOZE_LEAD = "Which of the following terms belongs in the blank?";

/** Correct items on real passages: the solver must pick the key and support nothing else. */
const CORRECT: [string, Item][] = [
  ["SA node, question form", item("", "Which structure has the highest inherent rate of depolarization and initiates the sinus rhythm?", ["Sinoatrial node", "Atrioventricular node", "Purkinje fibers", "Moderator band", "Bundle of His"], 0, SA)],
  ["SA node, short vignette", item("A 23-year-old woman has palpitations; her ECG shows a normal sinus rhythm between episodes.", "Which structure initiates this normal electrical pattern?", ["Atrioventricular node", "Sinoatrial node", "Purkinje fibers", "Moderator band"], 1, SA)],
  ["pacemaker cloze", item("The SA node has the highest inherent rate of depolarization and is known as the _____.", CLOZE_LEAD, ["sinoatrial (SA) node", "atrioventricular bundle", "pacemaker of the heart", "moderator band", "sinus venosus"], 2, SA)],
  ["diastole cloze", item("The period of relaxation that occurs as the chambers fill with blood is called _____.", CLOZE_LEAD, ["systole", "cardiac cycle", "ejection", "diastole", "isovolumic contraction"], 3, CYCLE)],
  ["diastole question", item("", "What is the period of relaxation during which the chambers fill with blood called?", ["Systole", "Cardiac cycle", "Cardiac reserve", "Diastole"], 3, CYCLE)],
  ["septum primum", item("", "Which flap of tissue closes the foramen ovale within seconds after birth?", ["Fossa ovalis", "Septum primum", "Interventricular septum", "Moderator band"], 1, SEPTA)],
  ["eupnea cloze", item("Quiet breathing, also known as _____, is a mode of breathing that occurs at rest and does not require the cognitive thought of the individual.", CLOZE_LEAD, ["hyperpnea", "eupnea", "apnea", "dyspnea"], 1, BREATHING)],
  ["embolus cloze", item("When a portion of a thrombus breaks free from the vessel wall and enters the circulation, it is referred to as an _____.", CLOZE_LEAD, ["embolus", "aneurysm", "infarct", "hematoma"], 0, EMBOLUS)],
];

/** Two options the passage states as answers: `supported` must hold both, and the solver must not agree. */
const TWO_DEFENSIBLE: [string, Item, number[]][] = [
  ["SA node and its other name", item("", "Which structure has the highest inherent rate of depolarization?", ["SA node", "Pacemaker of the heart", "AV node", "Purkinje fibers"], 0, SA), [0, 1]],
  ["pericardium or pericardial sac", item("Within the mediastinum, the heart is separated from the other mediastinal structures by a tough membrane known as the _____.", CLOZE_LEAD, ["pericardium", "pericardial sac", "pleura", "myocardium", "endocardium"], 0, MEDIASTINUM), [0, 1]],
  ["quiet breathing has two names", item("", "Which mode of breathing occurs at rest and does not require the cognitive thought of the individual?", ["Quiet breathing", "Eupnea", "Hyperpnea", "Forced breathing"], 1, BREATHING), [0, 1]],
];

/**
 * A known limit: a question without a blank cannot tell an option's role in the sentence, so a
 * sentence naming a contrasting term ("In contrast to anemia, an elevated RBC count is called
 * polycythemia") supports both. The solver must then abstain, never pick the contrasting term.
 */
const CONTRAST: Item = item("A dehydrated patient has an elevated hematocrit.", "Which of the following terms names an elevated RBC count?", ["Anemia", "Leukocytosis", "Polycythemia", "Thrombocytosis"], 2, POLY);

/** The passage does not contain the fact: no option may be supported and there is no choice. */
const NOT_IN_PASSAGE: [string, Item][] = [
  ["SA node asked of a blood passage", item("", "Which structure initiates the sinus rhythm?", ["Sinoatrial node", "Atrioventricular node", "Purkinje fibers", "Moderator band"], 0, RBC)],
  ["diastole asked of the SA node passage", item("The period of relaxation that occurs as the chambers fill with blood is called _____.", CLOZE_LEAD, ["diastole", "systole", "cardiac cycle", "ejection"], 0, SA)],
  ["eupnea asked of a heart passage", item("Quiet breathing, also known as _____, is a mode of breathing that occurs at rest.", CLOZE_LEAD, ["eupnea", "hyperpnea", "apnea", "dyspnea"], 0, CYCLE)],
  ["a related passage without the fact", item("", "Which vessel carries blood from the placenta to the fetus?", ["Umbilical vein", "Umbilical artery", "Ductus venosus", "Ductus arteriosus"], 0, SEPTA)],
];

describe("solveExtractive on real passages", () => {
  it.each(CORRECT)("agrees with the key: %s", (_n, { key, ...input }) => {
    const v = solveExtractive(input);
    expect(v.scores).toHaveLength(input.options.length);
    expect(v.choice, v.method).toBe(key);
    expect(v.supported).toEqual([key]);
    expect(solverAgrees(v, key)).toBe(true);
  });

  it.each(CORRECT)("disagrees when the key is wrong: %s", (_n, { key, ...input }) => {
    const v = solveExtractive(input);
    for (let wrong = 0; wrong < input.options.length; wrong++) if (wrong !== key) expect(solverAgrees(v, wrong)).toBe(false);
  });

  it.each(TWO_DEFENSIBLE)("supports both defensible options: %s", (_n, { key, ...input }, both) => {
    const v = solveExtractive(input);
    expect(v.supported).toEqual(both);
    expect(solverAgrees(v, key)).toBe(false);
  });

  it.each(NOT_IN_PASSAGE)("refuses when the passage lacks the fact: %s", (_n, { key, ...input }) => {
    const v = solveExtractive(input);
    expect(v.choice).toBeNull();
    expect(v.supported).toEqual([]);
    expect(v.method).toContain(`no option reached ${SUPPORT_MIN}`);
    expect(solverAgrees(v, key)).toBe(false);
  });

  it.each([
    ["pericardium", goodQuestion()],
    ["sinoatrial node", secondQuestion()],
  ])("agrees with the generation tests' clinical fixture questions (%s)", (_n, q) => {
    const v = solveExtractive({ ...q, passage: HEART_CHUNK.content });
    expect(solverAgrees(v, q.correctIndex), v.method).toBe(true);
  });

  it("abstains when the best sentence also names a contrasting term", () => {
    const { key, ...input } = CONTRAST;
    const v = solveExtractive(input);
    expect(v.choice).toBeNull();
    expect(v.supported).toEqual([0, 2]);
    expect(solverAgrees(v, key)).toBe(false);
  });

  it("has no position bias: reversing the options reverses the scores", () => {
    const input = CORRECT[2]![1];
    const forward = solveExtractive(input);
    const reversed = solveExtractive({ ...input, options: [...input.options].reverse() });
    expect(reversed.scores).toEqual([...forward.scores].reverse());
    expect(reversed.choice).toBe(input.options.length - 1 - forward.choice!);
  });
});

describe("solverAgrees", () => {
  const v = (choice: number | null, supported: number[]) => ({ choice, supported, scores: [], method: "test" });
  it.each([
    [v(1, [1]), 1, true],
    [v(1, [1]), 0, false],
    [v(1, [0, 1]), 1, false],
    [v(null, [1]), 1, false],
    [v(1, []), 1, false],
  ])("%j with key %i -> %s", (verdict, key, expected) => expect(solverAgrees(verdict, key)).toBe(expected));
});

describe("stemContent", () => {
  it.each([
    ['While studying "Coronary Arteries" in the-cardiovascular-system-the-heart.md, a student reads this description: "Myocardial infarction (MI) is the formal term for a _____."', "Myocardial infarction (MI) is the formal term for a _____."],
    ["A student reviewing heart for an exam is asked to recall what the material says about the heart sounds.", "heart sounds"],
    ["A 54-year-old man has a pericardial effusion.", "A 54-year-old man has a pericardial effusion."],
  ])("%s", (vignette, expected) => expect(stemContent(vignette)).toBe(expected));
});

// The calibration behind the thresholds in solver.ts: every chapter's offline items, with their own
// passage, with the key moved, and with an unrelated chapter's passage.
describe("calibration on the offline writer's items over every chapter", () => {
  const chapters = corpusChapters();
  const runs = chapters.map((file, ci) => {
    const passages = chapterPassages(file);
    const byId = new Map(passages.map((p) => [p.chunkId, p.content]));
    const unrelated = chapterPassages(chapters[(ci + 7) % chapters.length]!);
    const questions = offlineQuestions(passages, { topic: file.replace(/\.md$/, "").replace(/-/g, " "), difficulty: 3, count: 20 });
    return questions.map((q, qi) => ({
      key: q.correctIndex,
      own: solveExtractive({ ...q, passage: byId.get(q.sourceChunkId)! }),
      other: solveExtractive({ ...q, passage: unrelated[qi % unrelated.length]!.content }),
    }));
  });
  const all = runs.flat();

  it("has enough items to mean something", () => expect(all.length).toBeGreaterThanOrEqual(400));
  it("agrees with the key on at least 88% of correct items", () =>
    expect(all.filter((r) => solverAgrees(r.own, r.key)).length / all.length).toBeGreaterThanOrEqual(0.88));
  it("never chooses an option other than the key", () => expect(all.filter((r) => r.own.choice !== null && r.own.choice !== r.key)).toEqual([]));
  it("disagrees with every wrong key", () => {
    for (const r of all) for (let wrong = 0; wrong < r.own.scores.length; wrong++) if (wrong !== r.key) expect(solverAgrees(r.own, wrong)).toBe(false);
  });
  it("supports no option on an unrelated passage in at least 98% of items", () =>
    expect(all.filter((r) => r.other.supported.length === 0).length / all.length).toBeGreaterThanOrEqual(0.98));
});
