/**
 * A mock model that writes a known mix of NBME-style vignettes on "heart valves" from the heart
 * chapter: good items and items with one planted flaw each. Run through the real pipeline (mock
 * model over the AI SDK, the extractive solver as the blind solver): every planted flaw must be
 * dropped by the gate named, every good item kept. Used by eval:questions and its test.
 */
import { runPipeline } from "@/lib/ai/pipeline";
import { topicGate } from "@/lib/ai/gates/on-topic";
import { solveExtractive } from "@/lib/ai/gates/solver";
import type { ModelQuestion } from "@/lib/ai/schema";
import { streamingModel } from "@/lib/ai/testing/mock-model";
import { EVAL_RUN, chapterChunks, retrieve } from "./corpus-eval";

const CHAPTER = "the-cardiovascular-system-the-heart.md";
const TOPIC = "heart valves";
const EMBEDDER = "offline-lexical:1024";

type Spec = { name: string; expected: string; item: Omit<ModelQuestion, "sourceChunkId" | "topic" | "tags" | "optionExplanations" | "explanation"> };

const MITRAL = "Located at the opening between the left atrium and left ventricle is the mitral valve, also called the bicuspid valve or the left atrioventricular valve.";
const TRICUSPID = "Between the right atrium and the right ventricle is the right atrioventricular valve, or tricuspid valve.";
const AORTIC = "At the base of the aorta is the aortic semilunar valve, or the aortic valve, which prevents backflow from the aorta.";
const CHORDAE = "The flaps are connected by chordae tendineae to the papillary muscles, which control the opening and closing of the valves.";
const STENOSIS = "Stenosis is a condition in which the heart valves become rigid and may calcify over time.";
const PROLAPSE = "If one of the cusps of the valve is forced backward by the force of the blood, the condition is referred to as a prolapsed valve.";
const CORONARY = "The left coronary artery distributes blood to the left side of the heart, the left atrium and ventricle, and the interventricular septum.";
const VALVES4 = ["Mitral valve", "Tricuspid valve", "Aortic valve", "Pulmonary valve"];

export const GOOD: Spec[] = [
  {
    name: "left AV valve (vignette)",
    expected: "kept",
    item: {
      vignette: "A 62-year-old woman has a holosystolic murmur heard best at the apex. Echocardiography shows that the valve at the opening between the left atrium and left ventricle does not close completely.",
      leadIn: "Which of the following valves is most likely affected?",
      options: VALVES4,
      correctIndex: 0,
      sourceQuote: MITRAL,
    },
  },
  {
    name: "right AV valve (vignette)",
    expected: "kept",
    item: {
      vignette: "A 34-year-old man who injects drugs has fever and a new murmur. Vegetations are seen on the valve between the right atrium and the right ventricle.",
      leadIn: "Which of the following valves is most likely involved?",
      options: VALVES4,
      correctIndex: 1,
      sourceQuote: TRICUSPID,
    },
  },
  {
    name: "semilunar valve preventing backflow (vignette)",
    expected: "kept",
    item: {
      vignette: "A 71-year-old man has a diastolic murmur. Imaging shows a leaking valve at the base of the largest systemic artery, so that blood flows back into the left ventricle.",
      leadIn: "Which of the following valves normally prevents this backflow?",
      options: ["Pulmonary valve", "Mitral valve", "Aortic valve", "Tricuspid valve"],
      correctIndex: 2,
      sourceQuote: AORTIC,
    },
  },
  {
    name: "cords to papillary muscles (vignette)",
    expected: "kept",
    item: {
      vignette: "Three days after a myocardial infarction, a 58-year-old man develops acute heart failure. A flap of a valve is no longer connected to the papillary muscles.",
      leadIn: "Which of the following structures has most likely ruptured?",
      options: ["Trabeculae carneae", "Pectinate muscles", "Moderator band", "Chordae tendineae"],
      correctIndex: 3,
      sourceQuote: CHORDAE,
    },
  },
  {
    name: "rigid calcified valve (vignette)",
    expected: "kept",
    item: {
      vignette: "An 86-year-old woman has exertional syncope. Her heart valves have become rigid and calcified over time.",
      leadIn: "Which of the following conditions does this describe?",
      options: ["Prolapse", "Regurgitation", "Stenosis", "Carditis"],
      correctIndex: 2,
      sourceQuote: STENOSIS,
    },
  },
];

export const PLANTED: Spec[] = [
  {
    name: "fragment among the options",
    expected: "lint",
    item: { ...GOOD[0]!.item, options: ["Mitral valve", "Tricuspid valve", "Emerging from the right ventricle", "Pulmonary valve"], sourceQuote: MITRAL },
  },
  {
    name: "longest option is the key",
    expected: "lint",
    item: {
      ...GOOD[1]!.item,
      options: ["Mitral", "The right atrioventricular valve, also called the tricuspid valve", "Aortic", "Pulmonary"],
      correctIndex: 1,
    },
  },
  {
    name: "negative stem",
    expected: "lint",
    item: { ...GOOD[0]!.item, leadIn: "Which of the following is NOT a valve of the heart?", options: ["Mitral valve", "Tricuspid valve", "Aortic valve", "Coronary sinus"], correctIndex: 3 },
  },
  {
    name: '"all of the above"',
    expected: "banned_option",
    item: { ...GOOD[0]!.item, options: ["Mitral valve", "Tricuspid valve", "Aortic valve", "All of the above"] },
  },
  {
    name: "absolute terms in the distractors only",
    expected: "lint",
    item: {
      vignette: "A 50-year-old man has a murmur. His physician explains how the atrioventricular valves are held in place during ventricular contraction.",
      leadIn: "Which of the following statements about the atrioventricular valves is correct?",
      options: [
        "The valves always stay closed",
        "The valves never have chordae tendineae",
        "The flaps connect to the papillary muscles by chordae tendineae",
        "The valves open only during ventricular contraction",
      ],
      correctIndex: 2,
      sourceQuote: CHORDAE,
    },
  },
  {
    name: "key given away in the stem",
    expected: "lint",
    item: { ...GOOD[0]!.item, vignette: "A 62-year-old woman has mitral valve disease and a holosystolic murmur at the apex; the valve between the left atrium and left ventricle is affected." },
  },
  {
    name: "boilerplate stem",
    expected: "lint",
    item: { ...GOOD[4]!.item, vignette: "While studying heart valves, a student reads this description: heart valves become rigid and may calcify over time." },
  },
  {
    name: "wrong key",
    expected: "solver",
    item: { ...GOOD[0]!.item, correctIndex: 1 },
  },
  {
    name: "two defensible options",
    expected: "solver",
    item: {
      vignette: "A 45-year-old man is evaluated for a murmur. The cardiologist reviews which valve lies between an atrium and a ventricle.",
      leadIn: "Which of the following valves lies between an atrium and a ventricle?",
      options: ["Tricuspid valve", "Mitral valve", "Aortic valve", "Pulmonary valve"],
      correctIndex: 0,
      sourceQuote: TRICUSPID,
    },
  },
  {
    name: "cites a passage off the topic",
    expected: "off_topic",
    item: {
      vignette: "A 55-year-old man has an occlusion of the artery that supplies the left atrium, the left ventricle and the interventricular septum.",
      leadIn: "Which of the following arteries is most likely occluded?",
      options: ["Left coronary artery", "Right coronary artery", "Marginal artery", "Posterior interventricular artery"],
      correctIndex: 0,
      sourceQuote: CORONARY,
    },
  },
  {
    name: "same fact as a kept item, asked another way",
    expected: "duplicate_fact",
    item: {
      vignette: "A 40-year-old woman with rheumatic heart disease has a narrowed valve at the opening between the left atrium and left ventricle, on echocardiography.",
      leadIn: "Which of the following valves is narrowed?",
      options: ["Tricuspid valve", "Mitral valve", "Aortic valve", "Pulmonary valve"],
      correctIndex: 1,
      sourceQuote: MITRAL,
    },
  },
  {
    name: "quote not in the passage",
    expected: "quote_not_in_source",
    item: { ...GOOD[3]!.item, sourceQuote: "The chordae tendineae are the strongest tendons in the human body and never rupture." },
  },
  {
    name: "grammatical cue (a / an)",
    expected: "lint",
    item: {
      vignette: "A 30-year-old woman has a click and a late systolic murmur; one cusp of a valve is forced backward by the force of the blood.",
      leadIn: "This condition is known as a",
      options: ["Prolapse", "Insufficiency", "Stenosis", "Endocarditis"],
      correctIndex: 0,
      sourceQuote: PROLAPSE,
    },
  },
];

export type MixResult = { name: string; expected: string; got: string; ok: boolean };

export async function runMockMix(): Promise<{ planted: MixResult[]; good: MixResult[] }> {
  const passages = chapterChunks(CHAPTER);
  const retrieved = retrieve(passages, TOPIC, 50);
  const gate = topicGate(TOPIC, retrieved, EMBEDDER);
  const onTopic = gate.passages;
  // The writer sees the on-topic passages and, to test the gate, the passage the off-topic item cites.
  const offTopicPassage = passages.find((p) => p.content.includes(CORONARY))!;
  const chunks = [...onTopic, { ...offTopicPassage, distance: 0.5, textRank: null, score: 0 }];
  // Flawed items first (a dropped item leaves no trace for the ones after it), then the good ones,
  // then the item that repeats a good one's fact, so it meets the item it repeats.
  const repeat = PLANTED.filter((p) => p.expected === "duplicate_fact");
  const specs = [...PLANTED.filter((p) => p.expected !== "duplicate_fact"), ...GOOD, ...repeat];
  const items: ModelQuestion[] = specs.map((s) => {
    const cited = chunks.find((c) => c.content.includes(s.item.sourceQuote)) ?? chunks[0]!;
    return {
      ...s.item,
      explanation: `The passage says: "${s.item.sourceQuote}"`,
      optionExplanations: s.item.options.map((o, i) => (i === s.item.correctIndex ? `Correct: ${o}.` : `Incorrect: ${o}.`)),
      topic: TOPIC,
      tags: ["heart valves"],
      sourceChunkId: cited.chunkId,
    };
  });
  const model = streamingModel([JSON.stringify({ questions: items })]);
  const got = new Map<number, string>();
  await runPipeline({
    writer: { kind: "llm", label: "mock", modelId: "mock-mix", model: () => model, solve: async (input) => solveExtractive(input) },
    chunks,
    ...EVAL_RUN,
    topic: TOPIC,
    count: items.length,
    bank: { fingerprints: [], facts: [] },
    maxAttemptsPerQuestion: 1,
    onTopic: gate.item,
    emit: (e) => {
      const i = e.type === "drop" || e.type === "complete" ? Number(e.cardId.split("-")[1]) : NaN;
      if (e.type === "drop") got.set(i, e.reason === "lint" ? `lint (${e.detail?.split(":")[0]})` : `${e.reason}${e.reason === "solver" ? ` (${e.detail})` : ""}`);
      if (e.type === "complete") got.set(i, "kept");
    },
    accept: async () => ({ questionId: "q" }),
  });
  const results = specs.map((s, i) => {
    const g = got.get(i) ?? "not seen";
    return { name: s.name, expected: s.expected, got: g, ok: g === s.expected || g.startsWith(`${s.expected} (`) };
  });
  return { good: results.filter((r) => r.expected === "kept"), planted: results.filter((r) => r.expected !== "kept") };
}
