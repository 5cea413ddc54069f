import { describe, expect, it } from "vitest";
import { goodQuestion, secondQuestion } from "../testing/fixtures";
import { LINT_RULES, type LintItem, type LintRule, lightStem, lintItem } from "./lint";

const check = (rule: LintRule) => LINT_RULES.find((r) => r.rule === rule)!.check;

/** Good NBME-style items on facts from the OpenStax chapters: every rule must pass all of them. */
const GOOD: LintItem[] = [
  {
    vignette: "A 62-year-old man comes to the emergency department with crushing substernal chest pain for 1 hour. An ECG shows ST-segment elevation in leads V1 through V4. He does not smoke.",
    leadIn: "Occlusion of which of the following arteries is the most likely cause of these findings?",
    options: ["Anterior interventricular artery", "Circumflex artery", "Right coronary artery", "Posterior interventricular artery", "Marginal artery"],
    correctIndex: 0,
  },
  {
    vignette: "A 45-year-old man has exertional dyspnea and syncope. A harsh crescendo-decrescendo systolic murmur is heard at the right upper sternal border and radiates to the carotid arteries.",
    leadIn: "Which of the following is the most likely diagnosis?",
    options: ["Aortic stenosis", "Mitral regurgitation", "Mitral stenosis", "Tricuspid regurgitation", "Aortic regurgitation"],
    correctIndex: 0,
  },
  {
    vignette: "A 3-day-old girl has a soft murmur. Echocardiography shows blood passing directly from the right atrium to the left atrium through an opening in the interatrial septum.",
    leadIn: "Which of the following fetal structures has failed to close?",
    options: ["Ductus venosus", "Ductus arteriosus", "Foramen ovale", "Umbilical vein", "Coronary sinus"],
    correctIndex: 2,
  },
  {
    vignette: "A 24-year-old woman has fatigue and heavy menstrual bleeding. Her hemoglobin is 8.9 g/dL and the mean corpuscular volume is 71 fL; the blood smear shows small, pale erythrocytes.",
    leadIn: "Which of the following is the most likely cause of her anemia?",
    options: ["Iron deficiency", "Vitamin B12 deficiency", "Folate deficiency", "Hereditary spherocytosis", "Sickle cell disease"],
    correctIndex: 0,
  },
  {
    vignette: "A 68-year-old woman suddenly cannot produce fluent speech. She follows three-step commands correctly and has weakness of the right face and arm.",
    leadIn: "Damage to which of the following regions is most likely?",
    options: ["Broca's area", "Wernicke's area", "Primary visual cortex", "Cerebellum", "Hippocampus"],
    correctIndex: 0,
  },
  {
    vignette: "A 34-year-old woman has weight loss, tremor and heat intolerance. Serum TSH is low and free T4 is high; she has never been pregnant.",
    leadIn: "Which of the following is the most likely diagnosis?",
    options: ["Graves disease", "Hashimoto thyroiditis", "Addison disease", "Cushing syndrome", "Pheochromocytoma"],
    correctIndex: 0,
  },
  {
    vignette: "A 58-year-old man with hypertension starts a drug that blocks beta-1 adrenergic receptors in his heart.",
    leadIn: "Which of the following is the most likely effect of this drug?",
    options: ["Decreased heart rate", "Increased stroke volume", "Increased contractility", "Shortened repolarization period", "Increased cardiac output"],
    correctIndex: 0,
  },
  {
    vignette: "",
    leadIn: "Which structure in the interatrial septum of an adult heart marks the former location of a fetal opening?",
    options: ["Fossa ovalis", "Moderator band", "Coronary sinus", "Trabeculae carneae", "Chordae tendineae"],
    correctIndex: 0,
  },
  {
    // A cloze recall item like the offline writer's, without its boilerplate.
    vignette:
      "A specialized clump of myocardial conducting cells in the superior and posterior walls of the right atrium has the highest inherent rate of depolarization and is known as the pacemaker of the heart. This clump is the _____.",
    leadIn: "Which of the following terms belongs in the blank?",
    options: ["Sinoatrial node", "Atrioventricular node", "Atrioventricular bundle", "Purkinje fibers", "Moderator band"],
    correctIndex: 0,
  },
  {
    vignette: "During strenuous exercise, sympathetic stimulation of the heart increases. Nerve fibers of the cardiac plexus release a neurotransmitter at the neuromuscular junction of the cardiac nerves.",
    leadIn: "Which of the following neurotransmitters is released?",
    options: ["Norepinephrine", "Acetylcholine", "Dopamine", "Serotonin", "Glycine"],
    correctIndex: 0,
  },
  {
    vignette: "A 30-year-old man is stabbed in the right chest. Breath sounds are absent on the right, and the chest is hyperresonant to percussion.",
    leadIn: "Which of the following is the most likely diagnosis?",
    options: ["Pneumothorax", "Hemothorax", "Pleural effusion", "Atelectasis", "Pulmonary embolism"],
    correctIndex: 0,
  },
  {
    vignette: "At the end of atrial systole a healthy adult's ventricles contain about 130 mL of blood; each contraction ejects 70 to 80 mL.",
    leadIn: "About how much blood remains in each ventricle after contraction?",
    options: ["10 mL", "30 mL", "55 mL", "90 mL", "130 mL"],
    correctIndex: 2,
  },
  {
    vignette: "A 12-year-old boy has polyuria, polydipsia and weight loss over 3 weeks. His serum glucose is 420 mg/dL and urine ketones are positive.",
    leadIn: "Which of the following is the most likely cause of this patient's condition?",
    options: ["Autoimmune destruction of pancreatic beta cells", "Peripheral resistance to insulin", "Excess secretion of growth hormone", "Deficiency of antidiuretic hormone", "Excess secretion of cortisol"],
    correctIndex: 0,
  },
  {
    vignette: "A 25-year-old man is hit in the lateral knee while his foot is planted. He has pain and instability when valgus stress is applied to the knee.",
    leadIn: "Which of the following structures is most likely injured?",
    options: ["Medial collateral ligament", "Lateral collateral ligament", "Posterior cruciate ligament", "Lateral meniscus", "Patellar tendon"],
    correctIndex: 0,
  },
  {
    vignette: "A 40-year-old woman has a goiter, weight gain, cold intolerance and constipation. Antibodies against thyroid peroxidase are present.",
    leadIn: "Which of the following laboratory findings is most likely?",
    options: ["High TSH and low free T4", "Low TSH and high free T4", "Low TSH and low free T4", "High TSH and high free T4", "Normal TSH and low free T4"],
    correctIndex: 0,
  },
  {
    vignette: "A newborn is cyanotic. Echocardiography shows the aorta arising from the right ventricle and the pulmonary trunk from the left ventricle.",
    leadIn: "Which of the following is the most likely diagnosis?",
    options: ["Transposition of the great arteries", "Tetralogy of Fallot", "Truncus arteriosus", "Tricuspid atresia", "Total anomalous pulmonary venous return"],
    correctIndex: 0,
  },
  {
    vignette: "A 22-year-old man has a stab wound to the back. He has weakness of the right leg and loss of pain and temperature sensation in the left leg.",
    leadIn: "Which of the following tracts explains the sensory loss?",
    options: ["Spinothalamic tract", "Dorsal column", "Corticospinal tract", "Spinocerebellar tract", "Rubrospinal tract"],
    correctIndex: 0,
  },
  {
    vignette: "A 28-year-old woman has a blood pressure of 90/60 mm Hg and a pulse of 120/min after losing 1.5 L of blood.",
    leadIn: "Which of the following changes in the kidney is most likely?",
    options: ["Increased renin secretion", "Decreased renin secretion", "Increased glomerular filtration rate", "Decreased aldosterone secretion", "Decreased ADH secretion"],
    correctIndex: 0,
  },
  {
    vignette: "",
    leadIn: "Which of the following cells produce antibodies?",
    options: ["Plasma cells", "T lymphocytes", "Neutrophils", "Macrophages", "Eosinophils"],
    correctIndex: 0,
  },
];

describe("good items lint clean", () => {
  it.each(GOOD.map((g) => [g.leadIn.slice(0, 60), g] as const))("%s", (_n, item) => expect(lintItem(item)).toEqual([]));

  it("the generation tests' fixture questions lint clean", () => {
    expect(lintItem(goodQuestion())).toEqual([]);
    expect(lintItem(secondQuestion())).toEqual([]);
  });

  it("pulmonary vein and pulmonary artery are different options", () =>
    expect(lintItem({ ...GOOD[0]!, options: ["Pulmonary vein", "Pulmonary artery", "Pulmonary trunk", "Aorta", "Superior vena cava"], correctIndex: 0 })).toEqual([]));
});

const base = GOOD[1]!; // the aortic stenosis vignette
const withOptions = (options: string[], correctIndex = 0, over: Partial<LintItem> = {}): LintItem => ({ ...base, options, correctIndex, ...over });

type Case = [name: string, item: LintItem, mentions?: string];
const table: Record<LintRule, { flawed: Case[]; good: Case[] }> = {
  fragment_option: {
    flawed: [
      ["leading subordinator", withOptions(["Since the heart is a muscle", "Cardiac reserve", "Stroke volume", "Cardiac output", "Heart rate"]), "Since the heart"],
      ["participle cut from a sentence", withOptions(["Pulmonary valve", "Emerging from the right ventricle", "Mitral valve", "Tricuspid valve"]), "Emerging from"],
      ["dangling end", withOptions(["Cardiac reserve", "The difference between maximum and resting CO is known as the", "Stroke volume", "Cardiac output"]), "known as the"],
      ["unclosed bracket", withOptions(["stroke volume (SV", "cardiac output", "heart rate", "preload"]), "(SV"],
      ["imperative", withOptions(["Remember that veins carry blood toward the heart", "Umbilical artery", "Umbilical vein", "Ductus venosus"]), "Remember that"],
      ["anaphor", withOptions(["It measures the residual capacity of the heart to pump blood", "Cardiac reserve", "Stroke volume", "Preload"]), "It measures"],
      ["participle, past form", withOptions(["Included in this vasodilation", "Coronary arteries", "Coronary veins", "Coronary sinus"]), "Included in"],
    ],
    good: [
      ["diagnoses", base],
      ["gerund noun phrases", withOptions(["Mapping of regions of the cerebral cortex", "Learning the cranial nerves", "Testing of reflexes", "Imaging of the brain"])],
      ["a gerund phrase among nouns", withOptions(["Learning the cranial nerves", "Cranial nerve exam", "Sensory exam", "Motor exam"])],
      ["context phrase then noun phrase", withOptions(["In human development, the period required for fetal development", "The first stage of labor", "The fetal period", "The embryonic period"])],
      ["all options open with a participle", withOptions(["Increased by half", "Decreased by half", "Increased twofold", "Decreased to zero"], 0, { leadIn: "How does the glomerular filtration rate change?" })],
      ["all options prepositional (a where-question)", withOptions(["In the right atrium", "In the left atrium", "In the interventricular septum", "At the apex"], 0, { leadIn: "Where is the sinoatrial node located?" })],
    ],
  },
  mixed_option_kinds: {
    flawed: [
      ["terms and one description", withOptions(["Pericardium", "Pleura", "Membrane that lines the thoracic cavity and covers each lung", "Myocardium"]), "Pericardium"],
      ["one sentence among phrases", withOptions(["Period of time when the heart muscle is contracting", "The first functional organ to develop.", "Number of times the heart contracts per minute", "Amount of blood pumped by each ventricle"]), "first functional organ"],
      ["term among definitions", withOptions(["Mesoderm", "Portion of the primitive heart tube that will eventually develop into the right ventricle", "Singular tubular structure that forms from the fusion of the two endocardial tubes", "Area near the head of the embryo where the heart begins to develop"]), "Mesoderm"],
    ],
    good: [
      ["all terms", GOOD[2]!],
      ["all definitions", withOptions(["Period of time when the heart muscle is contracting", "Period of time when the heart muscle is relaxed and the chambers fill with blood", "Number of times the heart contracts per minute", "Amount of blood pumped by each ventricle during one minute"])],
      ["mechanisms of middling length", withOptions(["Blockade of L-type calcium channels", "Inhibition of the sodium-potassium pump", "Stimulation of beta-1 adrenergic receptors", "Blockade of muscarinic receptors in the SA node"])],
    ],
  },
  longest_is_correct: {
    flawed: [
      ["long definition key", withOptions(["Interruption in the normal conduction pathway", "Cluster of cells", "Heart valve", "Septum"], 0), "A ("],
      ["key is a phrase among terms", withOptions(["Bone", "Joint", "Tendon", "Providing movement of the skeleton"], 3), "D ("],
      ["long sentence key", withOptions(["Sinus rhythm", "Atrial flutter", "Normal electrical pattern followed by contraction of the heart", "Heart block"], 2), "C ("],
    ],
    good: [
      ["long key among long options", withOptions(["Hypertrophic obstructive cardiomyopathy", "Dilated cardiomyopathy", "Restrictive cardiomyopathy", "Takotsubo cardiomyopathy"])],
      ["key not longest", base],
      ["all definitions of similar length", withOptions(["Period of time when the heart muscle is contracting", "Period of time when the heart muscle is relaxed and the chambers fill with blood", "Number of times the heart contracts per minute", "Amount of blood pumped by each ventricle during one minute"], 1)],
    ],
  },
  clang: {
    flawed: [
      ["pericardial", { vignette: "A tough membrane separates the heart from the other mediastinal structures and encloses the pericardial cavity.", leadIn: "Which of the following is this membrane?", options: ["Pericardial sac", "Pleura", "Endocardium", "Myocardium"], correctIndex: 0 }, "pericardial"],
      ["papillary", { vignette: "A 40-year-old woman has a thyroid nodule; biopsy shows papillary architecture with clear nuclei.", leadIn: "Which of the following is the most likely diagnosis?", options: ["Papillary carcinoma", "Follicular adenoma", "Medullary carcinoma", "Anaplastic carcinoma"], correctIndex: 0 }, "papillary"],
      ["fetal", { vignette: "An opening in the fetal heart lets blood flow from the right atrium to the left atrium.", leadIn: "Which of the following is this opening?", options: ["Fetal foramen ovale", "Coronary sinus", "Moderator band", "Chordae tendineae"], correctIndex: 0 }, "fetal"],
    ],
    good: [
      ["shared word (valve) is in distractors too", { vignette: "A valve located between the left atrium and ventricle consists of two flaps of tissue.", leadIn: "Which of the following is this valve?", options: ["Mitral valve", "Tricuspid valve", "Aortic valve", "Pulmonary valve"], correctIndex: 0 }],
      ["generic words only", GOOD[6]!],
      ["plural of a distractor word", { vignette: "A 60-year-old man has blockage of branches of the coronary arteries.", leadIn: "Which of the following drains the heart myocardium directly into the right atrium?", options: ["Coronary sinus", "Great cardiac vein", "Anterior cardiac veins", "Coronary artery"], correctIndex: 0 }],
    ],
  },
  key_in_stem: {
    flawed: [
      ["key verbatim", { vignette: "Normal cardiac rhythm is established by the sinoatrial node, a specialized clump of myocardial conducting cells.", leadIn: "Which structure initiates the sinus rhythm?", options: ["Sinoatrial node", "Atrioventricular node", "Purkinje fibers", "Bundle of His"], correctIndex: 0 }, "Sinoatrial node"],
      ["plural in stem", { vignette: "The great veins, the superior and inferior venae cavae, and the great arteries are attached to the base.", leadIn: "Which vessel returns blood from the inferior portion of the body?", options: ["Venae cavae", "Pulmonary trunk", "Aorta", "Coronary sinus"], correctIndex: 0 }, "Venae cavae"],
      ["head noun only the key has", { vignette: "The SA node has the highest inherent rate of depolarization; it is the pacemaker.", leadIn: "Which of the following names describes it?", options: ["Pacemaker of the heart", "Moderator band", "Bundle of His", "Purkinje fibers"], correctIndex: 0 }, "pacemaker"],
    ],
    good: [
      ["head noun shared with distractors", GOOD[0]!],
      ["cloze blank", GOOD[8]!],
      ["synonym not named", base],
    ],
  },
  grammatical_cue: {
    flawed: [
      ["a before a vowel", { vignette: "Myocardial infarction is the formal term for what is commonly referred to as a _____.", leadIn: "Which of the following terms belongs in the blank?", options: ["Heart attack", "Angina pectoris", "Broken heart syndrome", "Prolapsed valve"], correctIndex: 0 }, "Angina pectoris"],
      ["an lead-in", withOptions(["Aortic stenosis", "Mitral regurgitation", "Ventricular septal defect", "Patent ductus"], 0, { leadIn: "This patient most likely has an" }), "Mitral regurgitation"],
      ["plural lead-in, singular options", withOptions(["Purkinje fibers", "Sinoatrial node", "Atrioventricular node", "Moderator band"], 0, { leadIn: "Which of the following are most likely damaged?" }), "Sinoatrial node"],
      ["only the key singular", withOptions(["Sinoatrial node", "Purkinje fibers", "Chordae tendineae", "Trabeculae carneae"], 0, { leadIn: "Which of the following is most likely damaged?" }), "Sinoatrial node"],
    ],
    good: [
      ["a with consonant options", withOptions(["Heart attack", "Broken heart syndrome", "Prolapsed valve", "Stenosis"], 0, { vignette: "Myocardial infarction is the formal term for what is commonly referred to as a _____.", leadIn: "Which of the following terms belongs in the blank?" })],
      ["a with 'yoo'-sound options", withOptions(["Uterine rupture", "Urethral stricture", "Placental abruption", "Cervical insufficiency"], 0, { leadIn: "The bleeding is most likely caused by a" })],
      ["an with vowel-sound options, acronyms included", withOptions(["Atrial septal defect", "Endocardial cushion defect", "MRI finding", "Ostium primum defect"], 0, { leadIn: "The murmur is caused by an" })],
      ["singular lead-in with a plural distractor", GOOD[8]!],
    ],
  },
  all_none_of_above: {
    flawed: [
      ["none of the above", withOptions(["Pericardium", "Pleura", "Myocardium", "None of the above"]), "None of the above"],
      ["all of the above", withOptions(["Pericardium", "Pleura", "Myocardium", "All of the above"]), "All of the above"],
      ["both A and C", withOptions(["Pericardium", "Pleura", "Myocardium", "Both A and C"]), "Both A and C"],
    ],
    good: [
      ["letters inside a name", withOptions(["Vitamin A and D toxicity", "Hepatitis B", "Hepatitis C", "Vitamin B12 deficiency"])],
      ["diagnoses", base],
      ["'all' inside a term", withOptions(["All-or-none law", "Frank-Starling law", "Laplace law", "Poiseuille law"])],
    ],
  },
  negative_stem: {
    flawed: [
      ["EXCEPT", withOptions(base.options as string[], 0, { leadIn: "All of the following are heart valves EXCEPT:" }), "EXCEPT"],
      ["NOT", withOptions(base.options as string[], 0, { leadIn: "Which of the following is NOT a cause of this murmur?" }), "NOT"],
      ["least likely", withOptions(base.options as string[], 0, { leadIn: "Which of the following is the least likely diagnosis?" }), "least likely"],
      ["would not", withOptions(base.options as string[], 0, { leadIn: "Which of the following would not be expected?" }), "would not"],
      ["false statement", withOptions(base.options as string[], 0, { leadIn: "Which of the following statements is false?" }), "is false"],
    ],
    good: [
      ["negation in the vignette", GOOD[0]!],
      ["positive lead-in", base],
      ["at least", withOptions(base.options as string[], 0, { leadIn: "Which of the following has been present for at least 3 weeks?" })],
    ],
  },
  absolute_terms: {
    flawed: [
      ["always", withOptions(["Always fatal", "Self-limited", "Treated surgically", "Treated with antibiotics"]), "always"],
      ["only", withOptions(["Found only in the right atrium", "Found in the left atrium", "Found in both ventricles", "Found in the septum"]), "only"],
      ["never", withOptions(["Never crosses the placenta", "Crosses the placenta", "Binds albumin", "Is filtered by the kidney"]), "never"],
    ],
    good: [
      ["absolute word in the stem too", withOptions(["Only the left ventricle", "The right atrium", "Both atria", "Both ventricles"], 0, { leadIn: "Which chamber only is affected?" })],
      ["hyphenated term", withOptions(["All-or-none law", "Frank-Starling law", "Laplace law", "Poiseuille law"])],
      ["none in the vignette", GOOD[5]!],
    ],
  },
  overlapping_options: {
    flawed: [
      ["plural duplicate", withOptions(["Pulmonary vein", "Pulmonary veins", "Aorta", "Pulmonary trunk"]), "Pulmonary veins"],
      ["one contains another", withOptions(["Anemia", "Iron deficiency anemia", "Sickle cell disease", "Thalassemia"]), "Iron deficiency anemia"],
      ["same words reordered", withOptions(["Increased preload and decreased afterload", "Decreased afterload and increased preload", "Increased afterload", "Decreased preload"]), "Decreased afterload and increased preload"],
    ],
    good: [
      ["vein vs artery", withOptions(["Pulmonary vein", "Pulmonary artery", "Pulmonary trunk", "Aorta"])],
      ["numbered types", withOptions(["Type 1 diabetes mellitus", "Type 2 diabetes mellitus", "Diabetes insipidus", "Cushing syndrome"])],
      ["swapped modifiers", withOptions(["High TSH and low free T4", "Low TSH and high free T4", "Low TSH and low free T4", "High TSH and high free T4"])],
      ["parallel options differing in one word", withOptions(["Pattern of recessive inheritance on an autosome", "Pattern of dominant inheritance on an autosome", "Pattern of recessive inheritance on the X chromosome", "Pattern of dominant inheritance on the X chromosome"])],
      ["a word used as a modifier elsewhere", withOptions(["Heart", "Heart block", "Lung", "Liver"])],
    ],
  },
  boilerplate_stem: {
    flawed: [
      ["offline term stem", { vignette: 'While studying "Coronary Arteries" in the-cardiovascular-system-the-heart.md, a student reads this description: "Myocardial infarction (MI) is the formal term for what is commonly referred to as a _____."', leadIn: "Which of the following terms belongs in the blank?", options: ["Heart attack", "Broken heart syndrome", "Prolapsed valve", "Stenosis"], correctIndex: 0 }, "While studying"],
      ["offline definition stem", { vignette: "A student reviewing heart for an exam is asked to recall what the material says about the heart sounds.", leadIn: "Which of the following best describes the heart sounds?", options: ["Sounds of the closing valves", "Period of contraction", "Period of relaxation", "Unusual heart sound"], correctIndex: 0 }, "A student reviewing"],
      ["according to the passage", withOptions(base.options as string[], 0, { vignette: "According to the passage, the heart is separated from the other mediastinal structures by a tough membrane." }), "According to the passage"],
      ["lead-in too short", withOptions(base.options as string[], 0, { leadIn: "Diagnosis?" }), "Diagnosis?"],
      ["lead-in not a question", withOptions(base.options as string[], 0, { leadIn: "The most likely diagnosis is" }), "not a question"],
    ],
    good: [["clinical vignette", base], ["recall item without vignette", GOOD[7]!], ["cloze with a question", GOOD[8]!]],
  },
  malformed_stem: {
    flawed: [
      ["unclosed bracket in lead-in", withOptions(base.options as string[], 0, { leadIn: "Which of the following best describes the heart rate (HR?" }), "bracket"],
      ["unpaired quote", withOptions(base.options as string[], 0, { vignette: 'The word septum is derived from the Latin for "something that encloses.' }), "quotation"],
      ["vignette cut off", withOptions(base.options as string[], 0, { vignette: "The septum between the atria and ventricles is known as the" }), "mid-sentence"],
    ],
    good: [["clinical vignette", base], ["quotes paired", withOptions(base.options as string[], 0, { vignette: "The word septum is derived from the Latin for \u201csomething that encloses.\u201d" })], ["cloze", GOOD[8]!]],
  },
  vague_terms: {
    flawed: [
      ["typically", withOptions(["Unusual heart sound; typically related to septal or valve defects", "Sound of valve closure", "Sound of rapid filling", "Sound of atrial contraction"]), "typically"],
      ["usually", withOptions(["Usually benign", "Malignant", "Premalignant", "Metastatic"]), "usually"],
      ["often", withOptions(["Often results in death of the cells", "Causes hypertrophy", "Causes dilation", "Causes fibrosis"]), "often"],
    ],
    good: [["diagnoses", base], ["mechanisms", GOOD[6]!], ["terms", GOOD[2]!]],
  },
  inconsistent_numeric: {
    flawed: [
      ["mixed units", withOptions(["10 mL", "30 mL", "0.055 L", "90 mL"]), "0.055 L"],
      ["out of order", withOptions(["55 mL", "10 mL", "90 mL", "30 mL"]), "order"],
      ["overlapping ranges", withOptions(["10-30 mL", "20-40 mL", "50-60 mL", "70-80 mL"]), "overlap"],
    ],
    good: [["ascending volumes", GOOD[11]!], ["non-overlapping ranges", withOptions(["10-20 mL", "30-40 mL", "50-60 mL", "70-80 mL"])], ["not numeric", base]],
  },
};

describe.each(Object.entries(table) as [LintRule, (typeof table)[LintRule]][])("%s", (rule, { flawed, good }) => {
  it("has at least 3 flawed and 3 good cases", () => {
    expect(flawed.length).toBeGreaterThanOrEqual(3);
    expect(good.length).toBeGreaterThanOrEqual(3);
  });
  it.each(flawed)("catches: %s", (_n, item, mentions) => {
    const message = check(rule)(item);
    expect(message).toBeTypeOf("string");
    if (mentions) expect(message).toContain(mentions);
    expect(lintItem(item).map((f) => f.rule)).toContain(rule);
  });
  it.each(good)("passes: %s", (_n, item) => expect(check(rule)(item)).toBeNull());
});

describe("lintItem", () => {
  it("reports every flaw, in rule order, with a sentence each", () => {
    const flaws = lintItem({
      vignette: "A student reviewing heart for an exam is asked to recall what the material says about the pacemaker.",
      leadIn: "Which of the following is NOT the pacemaker?",
      options: ["Sinoatrial node", "Purkinje fibers", "None of the above", "Always the atrioventricular node"],
      correctIndex: 0,
    });
    const rules = flaws.map((f) => f.rule);
    expect(rules).toEqual(["all_none_of_above", "negative_stem", "absolute_terms", "boilerplate_stem"]);
    for (const f of flaws) expect(f.message).toMatch(/^[A-Z].*\.$/);
  });

  it("reports a key written out in the stem once, as key_in_stem, not also as clang", () => {
    const item = { vignette: "Normal cardiac rhythm is established by the sinoatrial node.", leadIn: "Which structure initiates the sinus rhythm?", options: ["Sinoatrial node", "Atrioventricular node", "Purkinje fibers", "Bundle of His"], correctIndex: 0 };
    expect(lintItem(item).map((f) => f.rule)).toEqual(["key_in_stem"]);
  });

  it("does not throw on degenerate input", () => {
    expect(() => lintItem({ vignette: "", leadIn: "", options: [], correctIndex: 0 })).not.toThrow();
    expect(() => lintItem({ vignette: "x", leadIn: "Which?", options: ["A", "B"], correctIndex: 7 })).not.toThrow();
    expect(lintItem({ vignette: "", leadIn: "", options: [], correctIndex: 0 }).map((f) => f.rule)).toEqual(["boilerplate_stem"]);
  });

  it("covers every rule in the table", () => expect(Object.keys(table).sort()).toEqual(LINT_RULES.map((r) => r.rule).sort()));
});

describe("lightStem", () => {
  it.each([
    ["atrium", "atria"],
    ["bronchus", "bronchi"],
    ["ganglion", "ganglia"],
    ["artery", "arteries"],
    ["vertebra", "vertebrae"],
    ["valve", "valves"],
    ["virus", "viruses"],
  ])("%s ~ %s", (a, b) => expect(lightStem(a)).toBe(lightStem(b)));
  it("keeps -ous and -sis words whole", () => {
    expect(lightStem("nervous")).toBe("nervous");
    expect(lightStem("stenosis")).toBe("stenosis");
  });
});
