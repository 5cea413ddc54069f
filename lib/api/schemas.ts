/**
 * Response schemas of the JSON API, for the OpenAPI document. Requests are parsed with the
 * domain's own schemas (lib/bank/query.ts, lib/srs/input.ts, lib/ai/request.ts), referenced by the
 * route specs in lib/api/routes.ts; these describe what the handlers send back.
 */
import { z } from "zod";
import { GENERATION_JOB_STATUSES } from "@/db/schema/questions";
import { REVIEW_STATUSES } from "@/db/schema/srs";
import { BANK_SORTS, type BankSort } from "@/lib/bank/href";
import { type AppErrorShape, type ErrorCode, HTTP_STATUS } from "@/lib/errors";

const id = z.uuid();
const date = z.string().meta({ format: "date", description: "YYYY-MM-DD in the student's time zone" });
const timestamp = z.string().meta({ format: "date-time" });

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(HTTP_STATUS) as [ErrorCode, ...ErrorCode[]]),
      message: z.string().meta({ description: "A sentence the student can read as it is." }),
      retryAfterSeconds: z.number().int().optional().meta({ description: "Also sent as the Retry-After header." }),
      fields: z
        .record(z.string(), z.string())
        .optional()
        .meta({ description: 'On every validation error: messages by dotted field path ("answers.1.confidence"); "_" is the input as a whole. Also on a conflict one field caused (a name already used).' }),
    }) satisfies z.ZodType<AppErrorShape>,
  })
  .meta({ id: "Error" });

export const BankQuestion = z
  .object({
    id,
    topic: z.string(),
    difficulty: z.number().int().min(1).max(5),
    leadIn: z.string(),
    vignette: z.string().meta({ description: "The first 220 characters." }),
    tags: z.array(z.string()),
    retired: z.boolean(),
    qualityScore: z.number(),
    timesAnswered: z.number().int(),
    timesCorrect: z.number().int(),
    timesFlagged: z.number().int(),
    createdAt: timestamp,
    materialTitle: z.string().nullable(),
    status: z.enum(REVIEW_STATUSES),
    nextReviewDate: date.nullable(),
    marked: z.boolean(),
  })
  .meta({ id: "BankQuestion" });

export const QuestionList = z.object({
  questions: z.array(BankQuestion),
  total: z.number().int(),
  page: z.number().int().meta({ description: "A page past the end answers the last page." }),
  pages: z.number().int(),
  pageSize: z.number().int(),
  sort: z.enum(Object.keys(BANK_SORTS) as [BankSort, ...BankSort[]]),
});

export const QuestionDetailBody = z.object({
  question: z
    .looseObject({
      question: z.looseObject({ id, topic: z.string(), vignette: z.string(), leadIn: z.string(), options: z.array(z.string()), correctIndex: z.number().int() }),
      materialTitle: z.string().nullable(),
      status: z.enum(REVIEW_STATUSES),
      passages: z.array(z.looseObject({ id, content: z.string() })),
      attempts: z.array(z.looseObject({ id, answeredAt: timestamp, isCorrect: z.boolean() })),
      collectionIds: z.array(id),
    })
    .meta({ id: "QuestionDetail", description: "The question with its key and explanations, cited passages, answers (latest 200) and collections." }),
});

export const Deleted = z.object({ deleted: id });

export const StudyCard = z
  .object({
    id,
    topic: z.string(),
    difficulty: z.number().int(),
    vignette: z.string(),
    leadIn: z.string(),
    options: z.array(z.string()),
    materialTitle: z.string().nullable(),
    dueDate: date.nullable(),
  })
  .meta({ id: "StudyCard", description: "A card as a review shows it before an answer: no key, no explanations." });

export const DueReviews = z.object({
  today: date,
  total: z.number().int().meta({ description: "Everything due today or earlier." }),
  reviews: z.array(StudyCard).meta({ description: "Overdue first, then the hardest (lowest easiness)." }),
});

export const GenerationJob = z
  .object({
    id,
    status: z.enum(GENERATION_JOB_STATUSES),
    requested: z.number().int(),
    generated: z.number().int().meta({ description: "Questions the model wrote that passed every check." }),
    saved: z.number().int().meta({ description: "Saved to the bank (a preview counts once accepted)." }),
    dropped: z.number().int(),
    drops: z.array(z.object({ reason: z.string(), detail: z.string().optional() })).meta({ description: "Each dropped candidate's gate and why." }),
    model: z.string().nullable(),
    error: z.string().nullable(),
    questionIds: z.array(id).meta({ description: "The saved questions, oldest first." }),
    createdAt: timestamp,
    startedAt: timestamp.nullable(),
    finishedAt: timestamp.nullable(),
  })
  .meta({ id: "GenerationJob" });

export const StartedJobs = z
  .object({
    jobs: z.array(
      z.looseObject({
        jobId: id,
        topic: z.string(),
        requested: z.number().int(),
        status: z.enum(GENERATION_JOB_STATUSES),
        passages: z.array(z.looseObject({ chunkId: id, source: z.string() })).meta({ description: "The passages on the topic the job writes from." }),
      }),
    ),
  })
  .meta({ id: "StartedJobs", description: "One job per topic, queued; follow each at /api/jobs/{id}/stream or poll /api/jobs/{id}." });

export const Material = z.looseObject({ id, title: z.string(), status: z.string() }).meta({ id: "Material" });

export const AnswerOutcome = z
  .looseObject({ attemptId: id, isCorrect: z.boolean(), replayed: z.boolean() })
  .meta({ id: "AnswerOutcome", description: "The graded answer: correctness, explanations, the new schedule, XP and the profile." });

export const Health = z.object({ ok: z.literal(true), database: z.string().meta({ description: '"postgres" or "pglite"' }) });
export const HealthDown = z.object({ ok: z.literal(false), database: z.literal("down"), error: ErrorBody.shape.error });
