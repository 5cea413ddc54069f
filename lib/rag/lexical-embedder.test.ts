import { describe, expect, test } from "vitest";
import { LEXICAL_DIMENSION, embedLexical, stem, terms } from "./lexical-embedder";

const dot = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0);

describe("stem", () => {
  test.each([
    ["contracts", "contract"],
    ["contracting", "contract"],
    ["contracted", "contract"],
    ["arteries", "artery"],
    ["valves", "valv"],
    ["valve", "valve".slice(0, 5)],
    ["stopped", "stop"],
    ["atrium", "atrium"],
    ["mitosis", "mitosis"],
  ])("%s -> %s", (w, s) => expect(stem(w)).toBe(s));
});

test("terms drops stopwords, numbers and one-letter tokens", () => {
  expect(terms("The heart is 4 chambers of a body")).toEqual(["heart", "chamber", "body"]);
});

describe("embedLexical", () => {
  test("is deterministic, of fixed dimension and unit length", () => {
    const v = embedLexical("The cardiac conduction system");
    expect(v).toHaveLength(LEXICAL_DIMENSION);
    expect(v).toEqual(embedLexical("The cardiac conduction system"));
    expect(Math.sqrt(dot(v, v))).toBeCloseTo(1, 6);
  });

  test("shared words make texts similar; unrelated texts are not", () => {
    const q = embedLexical("cardiac conduction system");
    const near = embedLexical("The conduction system of the heart: cardiac muscle cells conduct impulses from the SA node.");
    const far = embedLexical("Osteoblasts deposit bone matrix during ossification of the skeleton.");
    expect(dot(q, near)).toBeGreaterThan(0.3);
    expect(Math.abs(dot(q, far))).toBeLessThan(0.1);
  });

  test("empty or stopword-only text gives the zero vector", () => {
    expect(embedLexical("the of and").every((x) => x === 0)).toBe(true);
  });
});
