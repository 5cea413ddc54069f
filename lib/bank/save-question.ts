/**
 * Saving a generated question (a generation run, or a preview the student accepted): the question
 * with its provenance (job, cited passage, prompt template) and its tags as the bank keeps every
 * tag. The insert itself is db/queries/generation.ts's `insertQuestions`, the only one.
 */
import "server-only";
import { insertQuestions } from "@/db/queries/generation";
import type { GenerationMetadata, QuestionContent } from "@/db/schema/questions";
import { MAX_TAGS, normaliseTags, tagSchema } from "./tags";

export type NewGeneratedQuestion = QuestionContent & {
  userId: string;
  jobId: string | null;
  materialId: string;
  topic: string;
  difficulty: number;
  tags: string[];
  sourceChunkId: string;
  sourceQuote: string;
  metadata: GenerationMetadata;
  templateId: string | null;
  templateVersion: number | null;
  qualityScore: number;
};

export async function saveQuestion(q: NewGeneratedQuestion): Promise<string> {
  const [row] = await insertQuestions([
    {
      userId: q.userId,
      materialId: q.materialId,
      generationJobId: q.jobId,
      topic: q.topic,
      difficulty: q.difficulty,
      vignette: q.vignette,
      leadIn: q.leadIn,
      options: q.options,
      correctIndex: q.correctIndex,
      explanation: q.explanation,
      optionExplanations: q.optionExplanations,
      sourceChunkIds: [q.sourceChunkId],
      sourceQuote: q.sourceQuote,
      generationMetadata: q.metadata,
      promptTemplateId: q.templateId,
      promptTemplateVersion: q.templateVersion,
      qualityScore: q.qualityScore,
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
