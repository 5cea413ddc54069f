import { describe, expect, it } from "vitest";
import { HEART, goodQuestion } from "./testing/fixtures";
import { questionFingerprint, validateCandidate } from "./validate";

const ctx = (over: Partial<Parameters<typeof validateCandidate>[1]> = {}) => ({
  chunks: new Map([[HEART.chunkId, HEART]]),
  prohibitedTerms: [] as string[],
  seen: [],
  ...over,
});

describe("validateCandidate", () => {
  it("accepts a grounded question", () => expect(validateCandidate(goodQuestion(), ctx()).ok).toBe(true));

  it.each([
    ["curly quotes and extra spaces", "the heart  is separated from the other\nmediastinal structures by a tough membrane known as the \u201cpericardium\u201d"],
    ["different case and trailing punctuation", "THE HEART IS SEPARATED FROM THE OTHER MEDIASTINAL STRUCTURES..."],
  ])("matches a quote despite %s", (_n, sourceQuote) => {
    expect(validateCandidate(goodQuestion({ sourceQuote }), ctx()).ok).toBe(true);
  });

  it.each([
    [{ sourceQuote: "pericardium" }, "quote_too_short"],
    [{ sourceQuote: "the heart is separated from the lungs by the diaphragm" }, "quote_not_in_source"],
    [{ correctIndex: -1 }, "index_out_of_range"],
    [{ correctIndex: 1.5 }, "schema"],
    [{ options: ["Pericardium", "Pleura", "None of the above", "Myocardium"], optionExplanations: ["a", "b", "c", "d"] }, "banned_option"],
    [{ optionExplanations: ["only one"] }, "schema"],
    [{ vignette: "   " }, "schema"],
    [{ sourceChunkId: "not-retrieved" }, "unknown_source"],
  ])("drops %j as %s", (over, reason) => {
    const v = validateCandidate(goodQuestion(over as never), ctx());
    expect(v.ok ? "ok" : v.reason).toBe(reason);
  });

  it.each([
    ["echocardiography", "prohibited_term"],
    ["ECHO", "ok"], // whole words only
    ["viral illness", "prohibited_term"],
  ])("prohibited term %s -> %s", (term, expected) => {
    const v = validateCandidate(goodQuestion(), ctx({ prohibitedTerms: [term.toLowerCase()] }));
    expect(v.ok ? "ok" : v.reason).toBe(expected);
  });

  it("drops a near-duplicate but not a different question on the same passage", () => {
    const seen = [questionFingerprint(goodQuestion())];
    const reworded = goodQuestion({ vignette: `${goodQuestion().vignette} Vitals are normal.` });
    expect(validateCandidate(goodQuestion(), ctx({ seen })).ok).toBe(false);
    const r = validateCandidate(reworded, ctx({ seen }));
    expect(r.ok ? "ok" : r.reason).toBe("near_duplicate");
    const different = goodQuestion({ vignette: "A child has a murmur and cyanosis at birth.", leadIn: "Which membrane surrounds the organ affected?" });
    expect(validateCandidate(different, ctx({ seen })).ok).toBe(true);
  });
});
