/**
 * Saving a preview card the student accepted. The token proves the server validated this question
 * for this user; the passage and the bank are checked again, since either may have changed since.
 */
import "server-only";
import { bankStems, chunksForUser, decideJobCard, getJob, incrementJobSaved } from "@/db/queries/generation";
import { saveQuestion } from "@/lib/bank/save-question";
import { getEnv } from "@/lib/env";
import { AppError, notFound } from "@/lib/errors";
import type { RetrievedChunk } from "@/lib/rag/types";
import { verifyPreview } from "./preview-token";
import { DROP_REASONS, questionFingerprint, validateCandidate } from "./validate";

export async function acceptPreview(userId: string, token: string): Promise<{ questionId: string }> {
  const p = verifyPreview(token, userId);
  if (!p) throw new AppError("bad_input", "This preview has expired or is not valid any more. Generate it again.");
  const job = await getJob(userId, p.jobId);
  if (!job) throw notFound("That generation");
  const q = p.question;
  const [row] = await chunksForUser(userId, [q.sourceChunkId]);
  if (!row) throw new AppError("conflict", "The passage this question came from is no longer in your material.");
  const chunk: RetrievedChunk = {
    chunkId: row.id,
    materialId: row.materialId,
    materialTitle: q.source.materialTitle,
    fileName: "",
    ordinal: 0,
    pageStart: null,
    pageEnd: null,
    heading: q.source.heading,
    content: row.content,
    distance: null,
    textRank: null,
    score: 0,
  };
  const v = validateCandidate(q, {
    chunks: new Map([[chunk.chunkId, chunk]]),
    prohibitedTerms: getEnv().PROHIBITED_TERMS,
    seen: (await bankStems(userId)).map(questionFingerprint),
  });
  if (!v.ok) throw new AppError("conflict", `Not saved: ${DROP_REASONS[v.reason]}`);
  const questionId = await saveQuestion(v.question, {
    userId,
    jobId: p.jobId,
    materialId: row.materialId,
    sourceChunkId: row.id,
    difficulty: p.difficulty,
    metadata: { ...p.metadata, acceptedFromPreview: true },
    templateId: p.templateId,
    templateVersion: p.templateVersion,
    qualityScore: q.sourceQuality,
  });
  await incrementJobSaved(p.jobId, userId);
  // The job remembers it, for a page that reopens the job later.
  await decideJobCard(userId, p.jobId, { previewToken: token }, { decision: "accepted", questionId });
  return { questionId };
}

/** Discards a preview card: nothing is saved, and the job remembers the decision. 404 if it is not the user's. */
export async function discardPreview(userId: string, jobId: string, cardId: string): Promise<{ discarded: true }> {
  if (!(await decideJobCard(userId, jobId, { cardId }, { decision: "discarded" }))) throw notFound("That preview");
  return { discarded: true };
}
