/**
 * The Generate page's state, as pure reducers: one RunState per job, each folding that job's
 * events into cards, and the page's GenerationState over them. A job's log may be replayed over
 * its RunState (every reconnect replays from the start): replaying leaves it as it was, and what the
 * student did with a card (answered, revealed, accepted, discarded) stays, by card id.
 */
import type { CompletedQuestion, GenerationEvent, PassageInfo } from "@/lib/ai/events";
import { type StreamedQuestion, applyPatch } from "@/lib/ai/partial";
import type { PreviewDecision, WatchedJob } from "@/lib/ai/types";
import type { AppErrorShape } from "@/lib/errors";

/**
 * How far a saved card's answer is shown: `hidden` until the student answers it here (`answered`,
 * recorded as a first attempt) or asks to see it (`revealed`, nothing recorded). Preview cards
 * are always shown in full: their purpose is to vet the item.
 */
export type KeyView = "hidden" | "answered" | "revealed";

export type Card =
  | { id: string; state: "writing"; partial: StreamedQuestion }
  | {
      id: string;
      state: "complete";
      question: CompletedQuestion;
      questionId?: string;
      previewToken?: string;
      decision?: "accepted" | "discarded";
      view: KeyView;
    };

/** A candidate a gate turned away: one line under the progress bar, not a card. */
export type DroppedCandidate = { cardId: string; reason: string; message: string; detail?: string };

/** One job as the page follows it. */
export type RunState = {
  jobId: string;
  topic: string;
  /** `waiting` until the job's "start" event arrives (it may be queued behind others). */
  phase: "waiting" | "running" | "finished";
  preview: boolean;
  requested: number;
  accepted: number;
  dropped: number;
  generator?: { kind: "llm" | "offline"; label: string };
  /** The difficulty asked for (the answer card shows it). */
  difficulty: number;
  passages: PassageInfo[];
  notice?: string;
  cards: Card[];
  drops: DroppedCandidate[];
  error?: { message: string; retryAfterSeconds?: number };
  done?: Extract<GenerationEvent, { type: "done" }>;
  cancelled?: boolean;
  /** Which run of the job the events come from (2 and up after the server retried it). */
  attempt: number;
  /** The server restarted the job: what it said (the page says it too). */
  restarted?: string;
  /** The stream broke and the page is opening it again. */
  reconnecting?: boolean;
  /** Preview cards the student decided on before this page opened (kept on the job), by card id. */
  decisions: Record<string, PreviewDecision>;
};

export type RunAction =
  /** The job's stream (re)opened: its log replays from the start. */
  | { type: "opened" }
  | { type: "event"; event: GenerationEvent }
  | { type: "reconnecting" }
  | { type: "failed"; message: string; retryAfterSeconds?: number }
  | { type: "ended" }
  | { type: "decide"; cardId: string; decision: "accepted" | "discarded"; questionId?: string }
  | { type: "answered"; cardId: string }
  | { type: "revealed"; cardId: string };

/** A job the page has just learnt of (from startGeneration, or from `?jobs=` on load). */
export function newRun(job: WatchedJob): RunState {
  return {
    jobId: job.jobId,
    topic: job.topic,
    phase: "waiting",
    preview: job.preview,
    requested: job.requested,
    accepted: 0,
    dropped: 0,
    generator: job.generator,
    difficulty: job.difficulty,
    passages: job.passages,
    notice: job.notice,
    cards: [],
    drops: [],
    attempt: 1,
    decisions: job.decisions ?? {},
  };
}

/** A hidden card moves on once: answered and revealed are final (a revealed card cannot then be answered). */
function showKey(cards: Card[], cardId: string, view: Exclude<KeyView, "hidden">): Card[] {
  return cards.map((c) => (c.id === cardId && c.state === "complete" && c.view === "hidden" ? { ...c, view } : c));
}

function upsert(cards: Card[], card: Card): Card[] {
  const i = cards.findIndex((c) => c.id === card.id);
  if (i < 0) return [...cards, card];
  const next = cards.slice();
  next[i] = card;
  return next;
}

const withoutWriting = (cards: Card[]) => cards.filter((c) => c.state !== "writing");

/** One job's state. The log may be replayed over it (a reconnect): replaying leaves it as it was. */
export function runReducer(s: RunState, a: RunAction): RunState {
  switch (a.type) {
    case "opened":
      // A card being written is rebuilt from the replayed patches; complete cards stay where they
      // are (the replay fills them in again) with what the student did with them.
      return { ...s, reconnecting: false, error: undefined, cards: withoutWriting(s.cards) };
    case "reconnecting":
      return s.phase === "finished" ? s : { ...s, reconnecting: true };
    case "failed":
      return { ...s, phase: "finished", reconnecting: false, error: { message: a.message, retryAfterSeconds: a.retryAfterSeconds }, cards: withoutWriting(s.cards) };
    case "ended":
      // The stream closed for good without "done": say so instead of spinning forever.
      return s.phase === "finished"
        ? s
        : {
            ...s,
            phase: "finished",
            reconnecting: false,
            cards: withoutWriting(s.cards),
            error: s.error ?? { message: "This page can no longer follow the generation. Questions completed so far are saved." },
          };
    case "decide":
      return {
        ...s,
        cards: s.cards.map((c) => (c.id === a.cardId && c.state === "complete" ? { ...c, decision: a.decision, questionId: a.questionId ?? c.questionId } : c)),
      };
    case "answered":
      return { ...s, cards: showKey(s.cards, a.cardId, "answered") };
    case "revealed":
      return { ...s, cards: showKey(s.cards, a.cardId, "revealed") };
    case "event":
      return applyEvent(s, a.event);
  }
}

function applyEvent(s: RunState, e: GenerationEvent): RunState {
  switch (e.type) {
    case "start":
      return {
        ...s,
        phase: s.phase === "finished" ? s.phase : "running",
        topic: e.topic ?? s.topic,
        attempt: e.attempt ?? s.attempt,
        preview: e.preview,
        generator: e.generator,
        passages: e.passages,
        notice: e.notice,
        requested: e.requested,
      };
    case "partial": {
      const id = e.cardId;
      if (s.drops.some((d) => d.cardId === id)) return s;
      const existing = s.cards.find((c) => c.id === id);
      if (existing && existing.state !== "writing") return s;
      const partial = applyPatch(existing?.partial ?? {}, e.patch);
      return { ...s, cards: upsert(s.cards, { id, state: "writing", partial }) };
    }
    case "complete": {
      const id = e.cardId;
      const existing = s.cards.find((c) => c.id === id);
      // Replayed over a card the student already answered, revealed, accepted or discarded: keep that.
      // A preview decided before this page opened comes decided from the job.
      const kept = existing?.state === "complete" ? existing : undefined;
      const earlier = s.decisions[id];
      const cards = upsert(s.cards, {
        id,
        state: "complete",
        question: e.question,
        questionId: kept?.questionId ?? earlier?.questionId ?? e.questionId,
        previewToken: e.previewToken,
        decision: kept?.decision ?? earlier?.decision,
        // A preview shows its key (its purpose is to vet the item); a saved card hides it.
        view: kept?.view ?? (s.preview ? "revealed" : "hidden"),
      });
      // The count moves with the card (its "progress" event follows in a separate chunk).
      const complete = cards.filter((c) => c.state === "complete").length;
      return { ...s, cards, accepted: Math.max(s.accepted, complete) };
    }
    case "drop": {
      const id = e.cardId;
      if (s.drops.some((d) => d.cardId === id)) return s; // a replay
      // The card being written (if any) goes; the drop is one line under the progress bar.
      return {
        ...s,
        dropped: s.dropped + 1,
        cards: s.cards.filter((c) => c.id !== id),
        drops: [...s.drops, { cardId: id, reason: e.reason, message: e.message, detail: e.detail }],
      };
    }
    case "progress":
      // Never backwards (a replay passes through earlier counts; a job's count only grows).
      return { ...s, accepted: Math.max(s.accepted, e.accepted), dropped: Math.max(s.dropped, e.dropped) };
    case "restart":
      // The run that was writing is gone: its unfinished card with it. Finished cards are saved and stay.
      return { ...s, attempt: e.attempt, restarted: e.message, cards: withoutWriting(s.cards) };
    case "error":
      return { ...s, error: { message: e.message, retryAfterSeconds: e.retryAfterSeconds } };
    case "done":
      return {
        ...s,
        phase: "finished",
        reconnecting: false,
        done: e,
        accepted: e.accepted,
        cancelled: e.status === "cancelled" || s.cancelled,
        // A card still "writing" when the run ended was never finished.
        cards: withoutWriting(s.cards),
      };
  }
  return s;
}

/** Everything the Generate page shows of its runs: one RunState per job, in the order asked. */
export type GenerationState = {
  /** startGeneration is on its way (the passages are being found). */
  starting: boolean;
  runs: RunState[];
  /** The server turned the request away before any job started (no material on a topic, a limit). */
  refusal?: AppErrorShape;
  /** Cancel was pressed: the page waits for each job's "done". */
  cancelling: boolean;
  /** Cancel itself failed (the server could not be reached). */
  cancelError?: string;
};

export type GenerationAction =
  | { type: "begin" }
  | { type: "refused"; error: AppErrorShape }
  | { type: "watch"; jobs: WatchedJob[] }
  | { type: "job"; jobId: string; action: RunAction }
  | { type: "cancelling" }
  | { type: "cancel-failed"; message: string };

export const initialGeneration: GenerationState = { starting: false, runs: [], cancelling: false };

export function generationReducer(s: GenerationState, a: GenerationAction): GenerationState {
  switch (a.type) {
    case "begin":
      return { ...initialGeneration, starting: true };
    case "refused":
      return { ...initialGeneration, refusal: a.error };
    case "watch":
      return { ...initialGeneration, runs: a.jobs.map(newRun) };
    case "job": {
      const i = s.runs.findIndex((r) => r.jobId === a.jobId);
      if (i < 0) return s; // a stream of a run the page has moved on from
      const run = runReducer(s.runs[i]!, a.action);
      if (run === s.runs[i]) return s;
      const runs = s.runs.slice();
      runs[i] = run;
      return { ...s, runs };
    }
    case "cancelling":
      return { ...s, cancelling: true, cancelError: undefined };
    case "cancel-failed":
      return { ...s, cancelling: false, cancelError: a.message };
  }
}

/** Where the page is: nothing yet, the action on its way, jobs still running, or all ended. */
export function generationPhase(s: GenerationState): "idle" | "starting" | "running" | "finished" {
  if (s.starting) return "starting";
  if (s.runs.length === 0) return "idle";
  return s.runs.some((r) => r.phase !== "finished") ? "running" : "finished";
}

/** The runs together: what the one progress bar shows. */
export function totals(s: GenerationState) {
  let accepted = 0;
  let requested = 0;
  let dropped = 0;
  for (const r of s.runs) {
    accepted += r.accepted;
    requested += r.requested;
    dropped += r.dropped;
  }
  return { accepted, requested, dropped };
}

