import { describe, expect, it } from "vitest";
import { FactSet } from "./fact";

const QUOTE =
  "Within the mediastinum, the heart is separated from the other mediastinal structures by a tough membrane known as the pericardium, or pericardial sac, and sits in its own space called the pericardial cavity.";

describe("FactSet", () => {
  it("the same sentence and key is a duplicate", () => {
    expect(new FactSet([{ quote: QUOTE, key: "Pericardium" }]).has({ quote: QUOTE, key: "pericardium" })).toBe(true);
  });
  it("a term and its definition from one sentence are one fact, asked either way round", () => {
    const bank = new FactSet([{ quote: QUOTE, key: "Pericardium" }]);
    expect(bank.has({ quote: QUOTE, key: "A tough membrane that separates the heart from the other mediastinal structures" })).toBe(true);
  });
  it("quote matching ignores case, punctuation and a trimmed end", () => {
    const bank = new FactSet([{ quote: QUOTE, key: "Pericardium" }]);
    expect(bank.has({ quote: `  ${QUOTE.toUpperCase().slice(0, -1)}  `, key: "pericardium" })).toBe(true);
  });
  it("another sentence with the same key is another fact", () => {
    const bank = new FactSet([{ quote: QUOTE, key: "Pericardium" }]);
    expect(bank.has({ quote: "The pericardium is a sac that surrounds the heart and the roots of the great vessels.", key: "Pericardium" })).toBe(false);
  });
  it("two keys not drawn from the sentence are different questions about it", () => {
    const bank = new FactSet([{ quote: QUOTE, key: "Cardiac tamponade" }]);
    expect(bank.has({ quote: QUOTE, key: "Constrictive pericarditis" })).toBe(false);
  });
  it("an empty set has nothing", () => {
    expect(new FactSet().has({ quote: QUOTE, key: "Pericardium" })).toBe(false);
  });
});
