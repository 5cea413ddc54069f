/**
 * Saving a generated question (a generation run, or a preview the student accepted): the question
 * with its provenance (job, cited passage, prompt template) and its tags as the bank keeps every
 * tag. The insert itself is db/queries/generation.ts's `insertQuestions`, the only one.
 */
import "server-only";
import { insertQuestions } from "@/db/queries/generation";
import type { GenerationMetadata, QuestionContent } from "@/db/schema/questions";
import { MAX_TAGS, normaliseTags, tagSchema } from "./tags";

/** What a validated question says (lib/ai/schema.ts's candidate carries these and more). */
export type GeneratedContent = QuestionContent & { topic: string; tags: string[]; sourceQuote: string };

/** Where it came from: whose it is, the run, the passage it cites, the prompt, and its scores. */
export type Provenance = {
  userId: string;
  jobId: string | null;
  materialId: string;
  sourceChunkId: string;
  difficulty: number;
  metadata: GenerationMetadata;
  templateId: string | null;
  templateVersion: number | null;
  qualityScore: number;
};

export async function saveQuestion(q: GeneratedContent, from: Provenance): Promise<string> {
  const [row] = await insertQuestions([
    {
      userId: from.userId,
      materialId: from.materialId,
      generationJobId: from.jobId,
      topic: q.topic,
      difficulty: from.difficulty,
      vignette: q.vignette,
      leadIn: q.leadIn,
      options: q.options,
      correctIndex: q.correctIndex,
      explanation: q.explanation,
      optionExplanations: q.optionExplanations,
      sourceChunkIds: [from.sourceChunkId],
      sourceQuote: q.sourceQuote,
      generationMetadata: from.metadata,
      promptTemplateId: from.templateId,
      promptTemplateVersion: from.templateVersion,
      qualityScore: from.qualityScore,
      tags: storableTags(q.tags),
    },
  ]);
  return row!.id;
}

/**
 * Tags as the bank keeps every tag (tags.ts): normalised (lower-case, single spaces,
 * de-duplicated); any the tag rules refuse are left off rather than failing the save.
 */
export function storableTags(raw: readonly string[]): string[] {
  return normaliseTags(raw)
    .filter((t) => tagSchema.safeParse(t).success)
    .slice(0, MAX_TAGS);
}
