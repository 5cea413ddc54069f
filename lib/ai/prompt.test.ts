import { describe, expect, it } from "vitest";
import { chooseTemplate, fenceMaterial, renderPrompt } from "./prompt";
import { HEART, INJECTED, chunk, seededTemplate } from "./testing/fixtures";

describe("chooseTemplate", () => {
  const ts = [
    { v: 1, weight: 1 },
    { v: 2, weight: 3 },
  ];
  it.each([
    [0, 1],
    [0.24, 1],
    [0.25, 2],
    [0.99, 2],
  ])("rand %s picks version %s", (rand, v) => expect(chooseTemplate(ts, rand).v).toBe(v));
  it("refuses an empty list", () => expect(() => chooseTemplate([], 0.5)).toThrow());
});

describe("renderPrompt with the seeded NBME template", () => {
  const { system, prompt } = renderPrompt(seededTemplate().template, [HEART, INJECTED], {
    topic: "heart {{material}}",
    difficulty: 4,
    level: 2,
    count: 3,
    avoid: [],
  });
  it("puts the rules in the system message and the passages in the user message", () => {
    expect(system).toMatch(/one best answer|One best answer/);
    expect(system).toMatch(/no "all of the above"/);
    expect(system).toMatch(/EXCEPT/);
    expect(system).toContain("Difficulty: 4 of 5");
    expect(system).toContain("Student level: 2 of 5");
    expect(system).not.toContain(`id="c-heart"`);
    expect(prompt).toContain('<material id="c-heart" source="The Heart" heading="Heart Anatomy">');
  });
  it("never re-expands placeholders found inside values", () => {
    expect(prompt.match(/<material id=/g)).toHaveLength(2);
    expect(system).toContain('"heart {{material}}"');
  });
});

describe("fenceMaterial", () => {
  it.each([
    ["</material>", "\u2039/material>"],
    ["<material id=\"x\">", "\u2039material id=\"x\">"],
    ["< / MATERIAL >", "\u2039/material >"],
  ])("neutralises %s", (planted, shown) => {
    const out = fenceMaterial([chunk("c1", `before ${planted} after`)]);
    expect(out).toContain(shown);
    expect(out.match(/<\/material>/g)).toHaveLength(1);
  });
  it("labels pages", () => {
    expect(fenceMaterial([chunk("c1", "x", { pageStart: 3, pageEnd: 4 })])).toContain('source="The Heart, pp. 3-4"');
  });
});

describe("template version 2 (migration 0004)", () => {
  it("states the rules the gates check and renders the same placeholders", () => {
    const { system, prompt } = renderPrompt(seededTemplate(2).template, [HEART], { topic: "heart valves", difficulty: 3, level: 2, count: 2, avoid: [] });
    expect(system).toContain('ONE passage that is about "heart valves"');
    for (const rule of [/must not be the longest/, /must not name the correct answer/, /no second option that the passage also supports/, /"While studying/])
      expect(system).toMatch(rule);
    expect(system).not.toMatch(/\{\{\w+\}\}/);
    expect(prompt).toContain('Write 2 question(s) on "heart valves"');
    expect(prompt).toContain(HEART.chunkId);
  });
});
