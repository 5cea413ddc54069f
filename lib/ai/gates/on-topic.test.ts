import { describe, expect, it } from "vitest";
import { itemOnTopic, onTopicPassages, tooLittleMaterial, topicEvidence } from "./on-topic";

// OpenStax Anatomy and Physiology 2e, "The Cardiovascular System: The Heart" and "The Urinary System".
const SA_NODE = {
  heading: "Cardiac Muscle and Electrical Activity > Conduction System of the Heart > Sinoatrial (SA) Node",
  content:
    "Normal cardiac rhythm is established by the sinoatrial (SA) node, a specialized clump of myocardial conducting cells located in the superior and posterior walls of the right atrium in close proximity to the orifice of the superior vena cava. The SA node has the highest inherent rate of depolarization and is known as the pacemaker of the heart.",
  distance: 0.7,
};
const VALVES = {
  heading: "Heart Anatomy > Internal Structure of the Heart > Heart Valve Structure and Function",
  content:
    "A transverse section through the heart slightly above the level of the atrioventricular septum reveals all four heart valves along the same plane. The valves ensure unidirectional blood flow through the heart.",
  distance: 0.6,
};
const KIDNEY = {
  heading: "Gross Anatomy of the Kidney > Nephrons: The Functional Unit",
  content:
    "Nephrons are the functional units of the kidney. The renal corpuscle consists of the glomerulus and Bowman's capsule; blood pressure in the glomerulus drives filtration.",
  distance: 0.9,
};

describe("topicEvidence", () => {
  it.each([
    ["conduction system", SA_NODE, "heading"],
    ["SA node", SA_NODE, "heading"],
    ["pacemaker depolarization", SA_NODE, "text"],
    ["heart valves", VALVES, "heading"],
    ["nephron", KIDNEY, "heading"],
    ["glomerulus filtration", KIDNEY, "text"],
  ])("%s is on the passage (%#)", (topic, passage, evidence) => {
    expect(topicEvidence(topic, passage, "offline-lexical:1024")).toBe(evidence);
  });

  it.each([
    ["cardiac conduction system", KIDNEY],
    ["renin angiotensin", KIDNEY],
    ["nephron", SA_NODE],
    ["blood pressure regulation", VALVES],
  ])("%s is not on an unrelated passage", (topic, passage) => {
    expect(topicEvidence(topic, passage, "offline-lexical:1024")).toBeNull();
  });

  it("a single passing mention of a word is not a passage on the topic", () => {
    // "blood" occurs once in the valves passage: not a passage on "blood".
    expect(topicEvidence("blood", { ...VALVES, heading: null }, "offline-lexical:1024")).toBeNull();
  });

  it("counts vector distance only from a semantic embedding model", () => {
    const near = { ...KIDNEY, distance: 0.3 };
    expect(topicEvidence("renal physiology", near, "offline-lexical:1024")).toBeNull();
    expect(topicEvidence("renal physiology", near, "text-embedding-3-small:1536")).toBe("vector");
    expect(topicEvidence("renal physiology", { ...near, distance: 0.6 }, "text-embedding-3-small:1536")).toBeNull();
  });

  it("a long topic needs three quarters of its words", () => {
    expect(topicEvidence("sinoatrial node pacemaker of the right atrium heart", SA_NODE, "offline-lexical:1024")).not.toBeNull();
    expect(topicEvidence("sinoatrial node insulin glucagon pancreas islets", SA_NODE, "offline-lexical:1024")).toBeNull();
  });
});

describe("onTopicPassages and the refusal", () => {
  it("keeps only the passages on the topic", () => {
    expect(onTopicPassages("cardiac conduction system", [SA_NODE, VALVES, KIDNEY], "offline-lexical:1024")).toEqual([SA_NODE]);
  });
  it("says how many passages were found", () => {
    expect(tooLittleMaterial("cardiac conduction system", 2, false)).toBe(
      'Your material has 2 passages on "cardiac conduction system"; upload more on it or pick another topic.',
    );
    expect(tooLittleMaterial("x", 0, true)).toBe('The selected material has no passages on "x"; upload more on it or pick another topic.');
    expect(tooLittleMaterial("x", 1, false)).toMatch(/has 1 passage on/);
  });
});

describe("itemOnTopic", () => {
  const GLOSSARY = {
    heading: "Heart Anatomy > Glossary",
    content:
      "- **coronary sinus**: large, thin-walled vein on the posterior surface of the heart that lies within the atrioventricular sulcus and drains the heart myocardium directly into the right atrium\n\n- **aortic valve**: (also, aortic semilunar valve) valve located at the base of the aorta",
    distance: 0.5,
  };
  it("accepts a quote from a passage whose heading is on the topic", () => {
    expect(itemOnTopic("conduction system", SA_NODE, "The SA node has the highest inherent rate of depolarization", "offline-lexical:1024")).toBe(true);
  });
  it("accepts a quote that itself holds the topic's words", () => {
    expect(itemOnTopic("coronary sinus", GLOSSARY, "coronary sinus: large, thin-walled vein on the posterior surface of the heart", "offline-lexical:1024")).toBe(true);
  });
  it("refuses another term's line from a glossary passage that matched the topic only as a whole", () => {
    expect(itemOnTopic("coronary sinus", GLOSSARY, "aortic valve: (also, aortic semilunar valve) valve located at the base of the aorta", "offline-lexical:1024")).toBe(false);
  });
});
