/**
 * Generation jobs as their watchers see them: the JSON status (GET /api/jobs/:id), the jobs a page
 * follows (`?jobs=`), and the events a page's stream sends (GET /api/jobs/:id/stream).
 */
import "server-only";
import { getJob, jobQuestionIds, jobsOfUser } from "@/db/queries/generation";
import { AppError, notFound } from "@/lib/errors";
import { eventLog } from "@/lib/jobs/event-log";
import { consumeStreamOpen } from "@/lib/ratelimit/generation";
import type { CompletedQuestion, GenerationEvent, PassageInfo } from "./events";
import { generationLogKey } from "./generate-job";
import { questionWriter } from "./providers";
import type { GenerationJob, PreviewDecision, WatchedJob } from "./types";

export async function generationJobStatus(userId: string, jobId: string) {
  const job = await getJob(userId, jobId);
  if (!job) throw notFound("That generation job");
  return {
    id: job.id,
    status: job.status,
    requested: job.requestedCount,
    generated: job.generatedCount,
    saved: job.savedCount,
    dropped: job.droppedCount,
    drops: job.drops,
    model: job.model,
    error: job.error,
    questionIds: await jobQuestionIds(userId, job.id),
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}

const finished = (status: GenerationJob["status"]) => status === "complete" || status === "failed" || status === "cancelled";
const topicOf = (job: GenerationJob) => (typeof job.request.topic === "string" ? job.request.topic : "");

function watched(job: GenerationJob): WatchedJob {
  // The configured writer describes itself; a job written by another model (configuration changed
  // since) is named by its model id.
  const writer = questionWriter();
  const same = writer.modelId === job.model;
  const offline = same ? writer.kind === "offline" : Boolean(job.model?.startsWith("offline"));
  return {
    jobId: job.id,
    topic: topicOf(job),
    requested: job.requestedCount,
    difficulty: typeof job.request.difficulty === "number" ? job.request.difficulty : 3,
    preview: job.request.preview === true,
    status: job.status,
    generator: { kind: offline ? "offline" : "llm", label: same ? writer.label : (job.model ?? "") },
    passages: job.passages as PassageInfo[],
    decisions: Object.fromEntries(
      (job.cards as Card[]).flatMap((c) => (c.decision ? [[c.cardId, { decision: c.decision, questionId: c.questionId }]] : [])),
    ),
  };
}

/** The user's jobs among these ids, for a page that reconnects (others' ids are left out). */
export async function watchableJobs(userId: string, jobIds: string[]): Promise<WatchedJob[]> {
  return (await jobsOfUser(userId, jobIds)).map(watched);
}

/** A card as the job keeps it (lib/ai/service.ts adds them; preview decisions are added later). */
type Card = { cardId: string; question: CompletedQuestion; questionId?: string; previewToken?: string; decision?: PreviewDecision["decision"] };

/**
 * What the database holds of a job, as events (used when its event log is gone or out of reach):
 * the start, its finished cards from `fromCard` on, the progress, and the end once it has one.
 */
function savedEvents(job: GenerationJob, { fromCard = 0, start = true } = {}): GenerationEvent[] {
  const w = watched(job);
  const events: GenerationEvent[] = [];
  if (start)
    events.push({ type: "start", jobId: job.id, topic: w.topic, attempt: job.attempts, preview: w.preview, requested: w.requested, generator: w.generator, passages: w.passages });
  const cards = (job.cards as Card[]).slice(fromCard);
  for (const c of cards) events.push({ type: "complete", cardId: c.cardId, question: c.question, questionId: c.questionId, previewToken: c.previewToken });
  if (cards.length > 0) events.push({ type: "progress", accepted: job.cards.length, requested: job.requestedCount, dropped: job.droppedCount, round: 0 });
  if (finished(job.status))
    events.push({
      type: "done",
      status: job.status as "complete" | "failed" | "cancelled",
      accepted: job.generatedCount,
      saved: job.savedCount,
      dropped: job.droppedCount,
      message: job.error ?? undefined,
    });
  return events;
}

/**
 * Partial updates of cards that finished (or were dropped) later in the log are left out of a
 * replay: a reconnecting page gets each card's end state at once, and the card being written now.
 */
function compactReplay(events: GenerationEvent[]): GenerationEvent[] {
  const ended = new Set(events.flatMap((e) => (e.type === "complete" || e.type === "drop" ? [e.cardId] : [])));
  return events.filter((e) => e.type !== "partial" || !ended.has(e.cardId));
}

/**
 * A job's events for its stream: the log so far (compacted), then live, until "done". When the log
 * is gone (expired, Redis flushed, a restart in memory mode) the page gets what the database holds:
 * the finished cards, then the end once the job has one. When Redis fails, the same from the
 * database every second.
 */
export async function* generationEvents(userId: string, jobId: string, signal: AbortSignal): AsyncGenerator<GenerationEvent> {
  const job = await getJob(userId, jobId);
  if (!job) throw notFound("That generation job");
  await consumeStreamOpen(userId);
  // Each open stream holds a connection (a blocking Redis read): a student's open streams are bounded.
  const open = openStreams.get(userId) ?? 0;
  if (open >= MAX_OPEN_STREAMS_PER_USER)
    throw new AppError("rate_limited", "Too many of your generations are open at once. Close a tab and try again.", { retryAfterSeconds: 10 });
  openStreams.set(userId, open + 1);
  try {
    yield* followJob(userId, job, signal);
  } finally {
    const n = (openStreams.get(userId) ?? 1) - 1;
    if (n > 0) openStreams.set(userId, n);
    else openStreams.delete(userId);
  }
}

/** Streams one student may hold open in one web process (tabs, devices, the jobs of a batch). */
const MAX_OPEN_STREAMS_PER_USER = 20;
const openStreams = new Map<string, number>();

async function* followJob(userId: string, job: GenerationJob, signal: AbortSignal): AsyncGenerator<GenerationEvent> {
  const jobId = job.id;
  const backlog: GenerationEvent[] = [];
  let live = false;
  let idle = 0;
  let logged = false;
  /** Cards sent from the database (the log was empty when the page came). */
  let shown = 0;
  try {
    for await (const e of eventLog().follow(generationLogKey(jobId), { signal, idleMs: 1000 })) {
      if (e) {
        const event = e as GenerationEvent;
        logged = true;
        if (live) yield event;
        else backlog.push(event);
        if (event.type === "done") break;
        continue;
      }
      if (!live) {
        live = true;
        if (backlog.length > 0) {
          yield* compactReplay(backlog);
          continue;
        }
        // Nothing logged yet: a job still waiting for a worker, or one whose log is gone.
        const now = (await getJob(userId, jobId)) ?? job;
        yield* savedEvents(now);
        if (finished(now.status)) return;
        shown = now.cards.length;
        continue;
      }
      // Nothing in the log (it is kept by another process without Redis, or was lost): the cards
      // the database has, each second. With a log, every few idle seconds: a finished job whose
      // log never got its end (lost mid-run) ends from the database.
      if (!logged || ++idle % 3 === 0) {
        const now = (await getJob(userId, jobId)) ?? job;
        const done = finished(now.status);
        if (done || !logged) {
          // After a log, every card again (the page keeps each once, by id): the log may have
          // lost the last ones the worker saved.
          yield* savedEvents(now, { fromCard: logged ? 0 : shown, start: false });
          shown = now.cards.length;
        }
        if (done) return;
      }
    }
  } catch (e) {
    if (signal.aborted) return;
    console.error(`[generate] ${jobId}: the event log failed (${(e as Error).message}); showing the saved result`);
    yield* pollSaved(userId, jobId, signal, shown);
    return;
  }
  if (!live) yield* compactReplay(backlog);
}

/** Without a log: the saved cards (from `shown` on), then each new one and the end, read every second. */
async function* pollSaved(userId: string, jobId: string, signal: AbortSignal, shown: number): AsyncGenerator<GenerationEvent> {
  let first = shown === 0;
  while (!signal.aborted) {
    const job = await getJob(userId, jobId);
    if (!job) return;
    yield* savedEvents(job, { fromCard: shown, start: first });
    first = false;
    shown = job.cards.length;
    if (finished(job.status)) return;
    await new Promise((r) => setTimeout(r, 1000));
  }
}
