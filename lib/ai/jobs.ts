/**
 * Generation jobs as their watchers see them: the JSON status (GET /api/jobs/:id), the jobs a page
 * follows (`?jobs=`), and the events a page's stream sends (GET /api/jobs/:id/stream).
 */
import "server-only";
import { getJob, jobQuestionIds, jobsOfUser } from "@/db/queries/generation";
import { notFound } from "@/lib/errors";
import { eventLog } from "@/lib/jobs/event-log";
import { consumeStreamOpen } from "@/lib/ratelimit/generation";
import type { CompletedQuestion, GenerationEvent, PassageInfo } from "./events";
import { generationLogKey } from "./generate-job";
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
  const offline = job.model === "offline" || job.model?.startsWith("offline");
  return {
    jobId: job.id,
    topic: topicOf(job),
    requested: job.requestedCount,
    difficulty: typeof job.request.difficulty === "number" ? job.request.difficulty : 3,
    preview: job.request.preview === true,
    status: job.status,
    generator: { kind: offline ? "offline" : "llm", label: job.model ?? "" },
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

/** What the database holds of a job, as events: used when its event log is gone. */
function savedEvents(job: GenerationJob): GenerationEvent[] {
  const w = watched(job);
  const events: GenerationEvent[] = [
    { type: "start", jobId: job.id, topic: w.topic, attempt: job.attempts, preview: w.preview, requested: w.requested, generator: w.generator, passages: w.passages },
  ];
  for (const c of job.cards as Card[])
    events.push({ type: "complete", cardId: c.cardId, question: c.question, questionId: c.questionId, previewToken: c.previewToken });
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
export function compactReplay(events: GenerationEvent[]): GenerationEvent[] {
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
  const backlog: GenerationEvent[] = [];
  let live = false;
  let idle = 0;
  /** Events sent from the database instead of the log (the log was empty when the page came). */
  let fromDb = 0;
  let logged = false;
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
        // Nothing logged yet: a job still waiting for a worker, or one whose log is gone.
        if (backlog.length === 0) {
          const now = (await getJob(userId, jobId)) ?? job;
          if (finished(now.status)) {
            yield* savedEvents(now);
            return;
          }
          const saved = savedEvents(now);
          fromDb = saved.length;
          yield* saved;
        } else yield* compactReplay(backlog);
        continue;
      }
      // Nothing in the log (it is kept by another process without Redis, or was lost): the cards
      // the database has, each second. With a log, every few idle seconds: a finished job whose
      // log never got its end (lost mid-run) ends from the database.
      if (!logged || ++idle % 3 === 0) {
        const now = (await getJob(userId, jobId)) ?? job;
        const saved = savedEvents(now);
        if (finished(now.status)) {
          yield* logged ? saved.slice(-1) : saved.slice(fromDb);
          return;
        }
        if (!logged) {
          yield* saved.slice(fromDb);
          fromDb = saved.length;
        }
      }
    }
  } catch (e) {
    if (signal.aborted) return;
    console.error(`[generate] ${jobId}: the event log failed (${(e as Error).message}); showing the saved result`);
    yield* pollSaved(userId, jobId, signal);
    return;
  }
  if (!live) yield* compactReplay(backlog);
}

/** Without a log: the saved cards now, then each new one and the end, read every second. */
async function* pollSaved(userId: string, jobId: string, signal: AbortSignal): AsyncGenerator<GenerationEvent> {
  let shown = 0;
  while (!signal.aborted) {
    const job = await getJob(userId, jobId);
    if (!job) return;
    const events = savedEvents(job);
    yield* events.slice(shown);
    shown = events.length;
    if (events.at(-1)?.type === "done") return;
    await new Promise((r) => setTimeout(r, 1000));
  }
}
