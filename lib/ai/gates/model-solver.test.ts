import type { LanguageModelV3CallOptions, LanguageModelV3GenerateResult } from "@ai-sdk/provider";
import { MockLanguageModelV3 } from "ai/test";
import { describe, expect, it } from "vitest";
import { chapterText } from "../testing/corpus";
import { SOLVER_SYSTEM_PROMPT, solveWithModel, solverPrompt } from "./model-solver";
import { solverAgrees } from "./solver";

const PASSAGE = chapterText("the-cardiovascular-system-the-heart.md")
  .split(/\n{2,}/)
  .find((p) => p.includes("The period of time that begins with contraction of the atria"))!;

/** A whole question record, as the pipeline holds it: the solver must use only the SolverInput fields. */
const QUESTION = {
  vignette: "The period of relaxation that occurs as the chambers fill with blood is called _____.",
  leadIn: "Which of the following terms belongs in the blank?",
  options: ["Systole", "Cardiac cycle", "Diastole", "Ejection", "Isovolumic contraction"],
  correctIndex: 2,
  explanation: "KEY-EXPLANATION-SENTINEL: the passage calls the period of relaxation diastole.",
  optionExplanations: ["WRONG-A-SENTINEL", "WRONG-B-SENTINEL", "RIGHT-C-SENTINEL", "WRONG-D-SENTINEL", "WRONG-E-SENTINEL"],
  sourceQuote: "QUOTE-SENTINEL",
  passage: PASSAGE,
};

const usage = {
  inputTokens: { total: 300, noCache: 300, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 40, text: 40, reasoning: 0 },
};

function answering(text: string) {
  return new MockLanguageModelV3({
    modelId: "mock-solver",
    doGenerate: async (): Promise<LanguageModelV3GenerateResult> => ({
      content: [{ type: "text", text }],
      finishReason: { unified: "stop", raw: "stop" },
      usage,
      warnings: [],
    }),
  });
}

/** A model that answers only by failing when its call is aborted. */
function hanging() {
  return new MockLanguageModelV3({
    doGenerate: ({ abortSignal }) =>
      new Promise<never>((_, reject) => {
        if (abortSignal?.aborted) reject(abortSignal.reason);
        abortSignal?.addEventListener("abort", () => reject(abortSignal.reason));
      }),
  });
}

/** Everything the model was sent as messages, as one string. */
const promptText = (call: LanguageModelV3CallOptions) => JSON.stringify(call.prompt);

describe("solveWithModel", () => {
  it("agrees when the model picks the key alone", async () => {
    const model = answering(JSON.stringify({ choice: 2, alsoDefensible: [], reasoning: "The passage calls it diastole." }));
    const v = await solveWithModel(model, QUESTION, {});
    expect(v).toMatchObject({ choice: 2, supported: [2], scores: [0, 0, 1, 0, 0] });
    expect(v.method).toContain("chose C");
    expect(solverAgrees(v, QUESTION.correctIndex)).toBe(true);
  });

  it("disagrees when the model picks another option", async () => {
    const v = await solveWithModel(answering(JSON.stringify({ choice: 0, alsoDefensible: [], reasoning: "Systole." })), QUESTION, {});
    expect(v.choice).toBe(0);
    expect(solverAgrees(v, QUESTION.correctIndex)).toBe(false);
  });

  it("does not agree when the model finds a second defensible option; drops duplicates and out-of-range ones", async () => {
    const model = answering(JSON.stringify({ choice: 2, alsoDefensible: [1, 2, 9, -1, 1.5], reasoning: "Both fit." }));
    const v = await solveWithModel(model, QUESTION, {});
    expect(v.supported).toEqual([2, 1]);
    expect(v.scores).toEqual([0, 0.5, 1, 0, 0]);
    expect(solverAgrees(v, QUESTION.correctIndex)).toBe(false);
  });

  it.each([
    ["not JSON", "The answer is C."],
    ["JSON of the wrong shape", JSON.stringify({ answer: "C" })],
    ["a letter where a number belongs", JSON.stringify({ choice: "C", alsoDefensible: [], reasoning: "" })],
    ["cut off", '{"choice": 2, "alsoDef'],
  ])("returns no choice for malformed output (%s) instead of throwing", async (_n, text) => {
    const v = await solveWithModel(answering(text), QUESTION, {});
    expect(v.choice).toBeNull();
    expect(v.supported).toEqual([]);
    expect(v.scores).toEqual([0, 0, 0, 0, 0]);
    expect(v.method).toContain("not the expected JSON");
  });

  it.each([5, -1, 2.5])("returns no choice for an option index out of range (%s)", async (choice) => {
    const v = await solveWithModel(answering(JSON.stringify({ choice, alsoDefensible: [], reasoning: "" })), QUESTION, {});
    expect(v.choice).toBeNull();
    expect(v.method).toContain(`chose ${choice}`);
  });

  it("makes one call at temperature 0, without retries, with the output-token cap", async () => {
    const model = answering(JSON.stringify({ choice: 2, alsoDefensible: [], reasoning: "" }));
    await solveWithModel(model, QUESTION, { maxOutputTokens: 123 });
    expect(model.doGenerateCalls).toHaveLength(1);
    const call = model.doGenerateCalls[0]!;
    expect(call.temperature).toBe(0);
    expect(call.maxOutputTokens).toBe(123);
    expect(call.responseFormat?.type).toBe("json");
  });

  it("never sends the key, its explanation or any other part of the question record", async () => {
    const model = answering(JSON.stringify({ choice: 2, alsoDefensible: [], reasoning: "" }));
    await solveWithModel(model, QUESTION, {});
    const sent = promptText(model.doGenerateCalls[0]!);
    expect(sent).toContain("Diastole");
    expect(sent).toContain("C. Diastole");
    expect(sent).toContain("called diastole"); // the passage
    for (const leak of ["SENTINEL", "correctIndex", "explanation", "sourceQuote"]) expect(sent).not.toContain(leak);
    // The item and passage have no digits, so any digit would come from the solver: there is none,
    // not even the key's index.
    expect(`${QUESTION.vignette}${QUESTION.leadIn}${QUESTION.options.join("")}${PASSAGE}`).not.toMatch(/\d/);
    expect(sent).not.toMatch(/\d/);
    expect(SOLVER_SYSTEM_PROMPT).not.toMatch(/\d/);
  });

  it("sends the same prompt whichever option is the key", async () => {
    const prompts = await Promise.all(
      [0, 1, 2, 3, 4].map(async (correctIndex) => {
        const model = answering(JSON.stringify({ choice: 0, alsoDefensible: [], reasoning: "" }));
        const record = { ...QUESTION, correctIndex };
        await solveWithModel(model, record, {});
        return promptText(model.doGenerateCalls[0]!);
      }),
    );
    expect(new Set(prompts).size).toBe(1);
    expect(prompts[0]).toContain(JSON.stringify(solverPrompt(QUESTION)).slice(1, 60));
  });

  it("propagates the caller's abort", async () => {
    const controller = new AbortController();
    const model = hanging();
    const pending = solveWithModel(model, QUESTION, { abortSignal: controller.signal });
    controller.abort(new DOMException("The student left", "AbortError"));
    await expect(pending).rejects.toThrow("The student left");
  });

  it("propagates a timeout", async () => {
    const model = hanging();
    await expect(solveWithModel(model, QUESTION, { timeoutMs: 20 })).rejects.toMatchObject({ name: "TimeoutError" });
  });

  it("propagates a provider error", async () => {
    const model = new MockLanguageModelV3({
      doGenerate: async () => {
        throw new Error("503 from the provider");
      },
    });
    await expect(solveWithModel(model, QUESTION, {})).rejects.toThrow("503");
  });
});
