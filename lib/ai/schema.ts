/**
 * The question contract. `modelOutputSchema` is what a model is asked to write (and what the
 * offline generator writes); `questionCandidateSchema` is the strict shape every candidate must pass
 * before it is shown as complete or saved. They differ on purpose: a provider's structured-output
 * mode rejects some JSON-schema keywords, so the wire schema stays plain and the bounds are ours.
 */
import { z } from "zod";
import { FIELD_MAX, MAX_OPTIONS, MIN_OPTIONS } from "./limits";

export { MAX_OPTIONS, MIN_OPTIONS };

/** One question as a model writes it (field order = the order it streams in: vignette first). */
export const modelQuestionSchema = z.object({
  vignette: z.string().describe("Clinical vignette or scenario stem; empty only if the material allows none"),
  leadIn: z.string().describe("The question asked, e.g. 'Which of the following is the most likely diagnosis?'"),
  options: z.array(z.string()).describe("4 or 5 homogeneous answer options, one best answer"),
  correctIndex: z.number().int().describe("0-based index of the one best answer in options"),
  explanation: z.string().describe("Why the correct answer is right, grounded in the quoted passage"),
  optionExplanations: z.array(z.string()).describe("One explanation per option, same order as options"),
  topic: z.string(),
  tags: z.array(z.string()),
  sourceChunkId: z.string().describe("The id attribute of the <material> passage the question is based on"),
  sourceQuote: z.string().describe("A verbatim sentence copied from that passage that supports the answer"),
});

export const modelOutputSchema = z.object({ questions: z.array(modelQuestionSchema) });

const text = (max: number) => z.string().trim().min(1).max(max);

export const questionCandidateSchema = z
  .object({
    vignette: text(FIELD_MAX.vignette),
    leadIn: text(FIELD_MAX.leadIn),
    options: z.array(text(FIELD_MAX.option)).min(MIN_OPTIONS).max(MAX_OPTIONS),
    correctIndex: z.number().int(),
    explanation: text(FIELD_MAX.explanation),
    optionExplanations: z.array(text(FIELD_MAX.optionExplanation)),
    topic: text(FIELD_MAX.topic),
    tags: z.array(z.string().trim().min(1).max(FIELD_MAX.tag)).max(12).default([]),
    sourceChunkId: z.string().trim().min(1),
    sourceQuote: text(FIELD_MAX.sourceQuote),
  })
  .refine((q) => q.optionExplanations.length === q.options.length, {
    message: "one explanation per option",
    path: ["optionExplanations"],
  });

export type ModelQuestion = z.infer<typeof modelQuestionSchema>;
export type QuestionCandidate = z.infer<typeof questionCandidateSchema>;
/** A question being written: any field may still be missing or cut short. */
export type PartialQuestion = Partial<Omit<ModelQuestion, "options" | "optionExplanations" | "tags">> & {
  options?: (string | undefined)[];
  optionExplanations?: (string | undefined)[];
  tags?: (string | undefined)[];
};
