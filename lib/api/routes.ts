/**
 * The JSON API's routes: one spec per method and path, holding the zod schemas the route handler
 * parses with (lib/http/route.ts) and the OpenAPI document is generated from (lib/api/openapi.ts).
 * A route file passes its spec to authedRoute; nothing describes a route twice.
 */
import { z } from "zod";
import { startGenerationSchema } from "@/lib/ai/request";
import { GENERATION_JOB_STATUSES } from "@/db/schema/questions";
import { bankQuerySchema } from "@/lib/bank/query";
import type { RouteSpec } from "@/lib/http/route";
import { AnswerBatchInput, AnswerBody } from "@/lib/srs/input";
import * as out from "./schemas";

const json = (description: string, schema: z.ZodType) => ({ description, schema });
const idParams = z.object({ id: z.uuid() });

/** Identity, for inference: keeps each spec's own schema types. */
const defineRoute = <S extends RouteSpec>(spec: S): S => spec;

export const listQuestionsRoute = defineRoute({
  method: "GET",
  path: "/api/questions",
  summary: "List the student's questions",
  description:
    "Filters, full-text search and sort as on the Questions page (the same parser: an unusable value falls back to its default rather than failing). 20 per page.",
  query: bankQuerySchema,
  responses: { 200: json("One page of the bank.", out.QuestionList) },
});

export const getQuestionRoute = defineRoute({
  method: "GET",
  path: "/api/questions/{id}",
  summary: "One question with its key, passages and answers",
  params: idParams,
  missing: "That question",
  responses: { 200: json("The question.", out.QuestionDetailBody) },
});

export const deleteQuestionRoute = defineRoute({
  method: "DELETE",
  path: "/api/questions/{id}",
  summary: "Delete a question",
  description: "As the bank's Delete: its answers, schedule, flags and collection entries go with it; the profile's totals drop by its answers.",
  params: idParams,
  missing: "That question",
  responses: { 200: json("Deleted.", out.Deleted) },
});

export const answerQuestionRoute = defineRoute({
  method: "POST",
  path: "/api/questions/{id}/answer",
  summary: "Answer a question",
  description:
    "The answer action's JSON form. A repeat within ANSWER_MIN_INTERVAL_SECONDS is 429 too_fast; a repeated idempotency key returns the first result with `replayed: true`.",
  params: idParams,
  body: AnswerBody,
  missing: "That question",
  responses: { 200: json("The graded answer.", out.AnswerOutcome) },
});

export const answerBatchRoute = defineRoute({
  method: "POST",
  path: "/api/questions/answers/batch",
  summary: "Answer several questions in one transaction",
  description:
    "A timed block's submission: 1-40 answers in the order given, all or nothing (409 for a key already used on another question). Idempotent per answer.",
  body: AnswerBatchInput,
  idFields: ["questionId"],
  missing: "One of those questions",
  responses: { 200: json("One outcome per answer, in order.", z.object({ outcomes: z.array(out.AnswerOutcome) })) },
});

export const dueReviewsRoute = defineRoute({
  method: "GET",
  path: "/api/reviews/due",
  summary: "The reviews due today",
  description: "Due today or earlier in the student's time zone, as the Review page serves them; retired questions never.",
  query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }),
  responses: { 200: json("The due cards.", out.DueReviews) },
});

export const generateRoute = defineRoute({
  method: "POST",
  path: "/api/generate",
  summary: "Start generating questions",
  description:
    "The Generate page's startGeneration action as JSON: one topic (`topic`) or up to five (`topics`), one background job each. Refused before any job exists for the limits (429) or a topic the material does not cover (400). Follow a job's events at /api/jobs/{id}/stream; cancel it with POST /api/jobs/{id}/cancel.",
  body: startGenerationSchema,
  responses: { 202: json("The queued jobs.", out.StartedJobs) },
});

export const generationStreamRoute = defineRoute({
  method: "GET",
  path: "/api/jobs/{id}/stream",
  summary: "A generation job's events (AI SDK UI message stream)",
  description:
    "Server-sent events in the AI SDK's UI message stream protocol: one data part per event (data-start, data-partial, data-complete, data-drop, data-progress, data-restart, data-error, data-done; lib/ai/events.ts). Replays everything so far, then follows the job live; closes after data-done. Reconnect at any time.",
  params: idParams,
  missing: "That generation job",
  responses: { 200: { description: "The event stream.", contentType: "text/event-stream" } },
});

export const cancelGenerationRoute = defineRoute({
  method: "POST",
  path: "/api/jobs/{id}/cancel",
  summary: "Cancel a generation job",
  description: "A waiting job is cancelled at once; a running one stops its model call within a second and keeps what it saved.",
  params: idParams,
  missing: "That generation job",
  responses: { 200: json("The job's status after the request.", z.object({ status: z.enum(GENERATION_JOB_STATUSES) })) },
});

export const listMaterialsRoute = defineRoute({
  method: "GET",
  path: "/api/materials",
  summary: "The student's materials with live status",
  responses: { 200: json("The library.", z.object({ materials: z.array(out.Material) })) },
});

export const uploadMaterialsRoute = defineRoute({
  method: "POST",
  path: "/api/materials",
  summary: "Upload materials",
  description:
    'Read as it streams in: 413 past UPLOAD_MAX_FILE_MB. 201 when at least one file was stored, 422 when none was.',
  form: z.object({ files: z.array(z.string().meta({ format: "binary" })).meta({ description: "PDF, Markdown or text; one or more." }) }),
  responses: {
    201: json("Per-file results.", z.object({ results: z.array(z.looseObject({ ok: z.boolean() })) })),
    422: json(
      "No file was stored: the one validation error (each file's reason under `files.N`) and the per-file results.",
      z.object({ error: out.ErrorBody.shape.error, results: z.array(z.looseObject({ ok: z.boolean() })) }),
    ),
  },
});

export const getMaterialRoute = defineRoute({
  method: "GET",
  path: "/api/materials/{id}",
  summary: "One material with its live status",
  params: idParams,
  missing: "That material",
  responses: { 200: json("The material.", z.object({ material: out.Material })) },
});

export const materialPassagesRoute = defineRoute({
  method: "GET",
  path: "/api/materials/{id}/passages",
  summary: "One page (50) of a material's passages",
  params: idParams,
  query: z.object({ page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1) }),
  missing: "That material",
  responses: {
    200: json(
      "The passages.",
      z.object({ passages: z.array(z.looseObject({ id: z.uuid(), content: z.string() })), page: z.number().int(), pages: z.number().int() }),
    ),
  },
});

export const getGenerationJobRoute = defineRoute({
  method: "GET",
  path: "/api/jobs/{id}",
  summary: "A generation job's status",
  description: "Status, counts, each drop's reason and the ids of the questions it saved (POST /api/generate returns the ids).",
  params: idParams,
  missing: "That generation job",
  responses: { 200: json("The job.", out.GenerationJob) },
});

/** Public routes (publicRoute: no session), documented like the rest. */
export const healthRoute = defineRoute({
  method: "GET",
  path: "/api/health",
  summary: "Readiness: the database answers",
  responses: { 200: json("Ready.", out.Health), 503: json("The database is not answering; Retry-After.", out.HealthDown) },
});

export const openApiRoute = defineRoute({
  method: "GET",
  path: "/api/openapi.json",
  summary: "This document",
  responses: { 200: { description: "The OpenAPI 3.1 document.", schema: z.record(z.string(), z.unknown()) } },
});

export const PUBLIC_ROUTES: readonly RouteSpec[] = [healthRoute, openApiRoute];

/** Every documented route, in the document's order. */
export const API_ROUTES: readonly RouteSpec[] = [
  listQuestionsRoute,
  getQuestionRoute,
  deleteQuestionRoute,
  answerQuestionRoute,
  answerBatchRoute,
  dueReviewsRoute,
  generateRoute,
  getGenerationJobRoute,
  generationStreamRoute,
  cancelGenerationRoute,
  listMaterialsRoute,
  uploadMaterialsRoute,
  getMaterialRoute,
  materialPassagesRoute,
  ...PUBLIC_ROUTES,
];
