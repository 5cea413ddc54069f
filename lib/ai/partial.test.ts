import { describe, expect, it } from "vitest";
import { type StreamedQuestion, applyPatch, diffStreamed, oversize, streamedPart } from "./partial";

/** Every prefix of a question's visible text, as a model streaming it char by char would show it. */
function growth(final: Required<StreamedQuestion>): StreamedQuestion[] {
  const steps: StreamedQuestion[] = [];
  for (let i = 1; i <= final.vignette.length; i++) steps.push({ vignette: final.vignette.slice(0, i) });
  for (let i = 1; i <= final.leadIn.length; i++) steps.push({ vignette: final.vignette, leadIn: final.leadIn.slice(0, i) });
  final.options.forEach((o, k) => {
    for (let i = 1; i <= o.length; i++) steps.push({ vignette: final.vignette, leadIn: final.leadIn, options: [...final.options.slice(0, k), o.slice(0, i)] });
  });
  return steps;
}

describe("streamed question patches", () => {
  const final = {
    vignette: "A 54-year-old man has crushing chest pain radiating to the left arm.",
    leadIn: "Which artery is most likely occluded?",
    options: ["Left anterior descending artery", "Right coronary artery", "Circumflex artery", "Posterior descending artery"],
  };

  it("applying each diff rebuilds exactly what the model wrote so far", () => {
    let shown: StreamedQuestion = {};
    let sent: StreamedQuestion = {};
    for (const step of growth(final)) {
      shown = applyPatch(shown, diffStreamed(sent, step));
      sent = step;
      expect(shown).toEqual(step);
    }
    expect(shown).toEqual(final);
  });

  it("bytes on the wire grow linearly with the text, not with its square", () => {
    const long = { ...final, vignette: "word ".repeat(4000) };
    let sent: StreamedQuestion = {};
    let bytes = 0;
    for (const step of growth(long)) {
      bytes += JSON.stringify(diffStreamed(sent, step)).length;
      sent = step;
    }
    const text = JSON.stringify(long).length;
    const steps = growth(long).length;
    // One op per step: a fixed envelope plus the appended characters.
    expect(bytes).toBeLessThan(text + steps * 40);
    // Re-sending the whole question each time would cost about steps * text / 2.
    expect(bytes * 100).toBeLessThan((steps * text) / 2);
  });

  it("a field that changed other than by growing is replaced whole", () => {
    expect(diffStreamed({ vignette: "12" }, { vignette: "13" })).toEqual([{ f: "vignette", set: "13" }]);
    expect(applyPatch({ vignette: "12" }, [{ f: "vignette", set: "13" }])).toEqual({ vignette: "13", options: undefined });
  });

  it("shows only the stem and options while a question is written: never its key or explanations", () => {
    const part = streamedPart({ vignette: "v", leadIn: "l", options: ["a", undefined], correctIndex: 1, explanation: "because", optionExplanations: ["x"] });
    expect(part).toEqual({ vignette: "v", leadIn: "l", options: ["a", ""] });
  });

  it("ignores an option index outside the options a question can have", () => {
    expect(applyPatch({}, [{ f: "options", i: 99, append: "x" }]).options).toBeUndefined();
  });
});

describe("oversize", () => {
  it("passes a question of normal size", () => {
    expect(oversize({ vignette: "A".repeat(3000), options: ["a", "b", "c", "d"], explanation: "e".repeat(2000) }, 16_000)).toBeNull();
  });
  it.each([
    [{ vignette: "A".repeat(5000) }, /vignette ran past 4,000/],
    [{ leadIn: "L".repeat(600) }, /leadIn ran past 500/],
    [{ options: ["a", "b".repeat(500)] }, /option 2 ran past 400/],
    [{ options: ["a", "b", "c", "d", "e", "f", "g"] }, /option had more than 6/],
    [{ optionExplanations: ["x".repeat(2100)] }, /option explanation 1 ran past 2,000/],
    [{ tags: ["t".repeat(200)] }, /tag 1/],
  ])("stops a question whose field outgrows its bound (%#)", (q, message) => {
    expect(oversize(q, 16_000)).toMatch(message);
  });
  it("stops a question whose fields are each within bounds but whose whole is too long", () => {
    const q = { vignette: "v".repeat(3900), explanation: "e".repeat(3900), optionExplanations: Array(5).fill("x".repeat(1900)) };
    expect(oversize(q, 16_000)).toMatch(/the question ran past 16,000/);
  });
});
