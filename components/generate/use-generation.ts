"use client";
/**
 * Client side of a generation: POSTs the request, reads the NDJSON event stream and folds it into
 * cards. Cancel aborts the fetch; the server sees the disconnect and aborts the model call.
 */
import { useCallback, useReducer, useRef } from "react";
import type { CompletedQuestion, GenerationEvent, PassageInfo } from "@/lib/ai/events";
import { type StreamedQuestion, applyPatch } from "@/lib/ai/partial";
import type { GenerateRequest } from "@/lib/ai/request";

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

export type RunState = {
  phase: "idle" | "starting" | "running" | "finished";
  jobId?: string;
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
  /** The server turned the request away before generating (no material on the topic, a limit). */
  refusal?: { message: string; retryAfterSeconds?: number };
  error?: { message: string; retryAfterSeconds?: number };
  done?: Extract<GenerationEvent, { type: "done" }>;
  cancelled?: boolean;
};

type Action =
  | { type: "begin"; request: GenerateRequest }
  | { type: "event"; event: GenerationEvent }
  | { type: "failed"; message: string; retryAfterSeconds?: number }
  | { type: "cancelled" }
  | { type: "ended" }
  | { type: "decide"; cardId: string; decision: "accepted" | "discarded"; questionId?: string }
  | { type: "answered"; cardId: string }
  | { type: "revealed"; cardId: string };

export const initialRun: RunState = {
  phase: "idle",
  preview: false,
  requested: 0,
  accepted: 0,
  dropped: 0,
  difficulty: 3,
  passages: [],
  cards: [],
  drops: [],
};

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

export function runReducer(s: RunState, a: Action): RunState {
  switch (a.type) {
    case "begin":
      return { ...initialRun, phase: "starting", preview: a.request.preview, requested: a.request.count, difficulty: a.request.difficulty };
    case "failed": {
      const error = { message: a.message, retryAfterSeconds: a.retryAfterSeconds };
      // Before the stream started, the server refused the request itself: the form shows why.
      return s.phase === "starting" ? { ...s, phase: "finished", refusal: error } : { ...s, phase: "finished", error };
    }
    case "ended":
      // The stream closed; if no "done" (or error) arrived, say so instead of spinning forever.
      return s.phase === "finished"
        ? s
        : { ...s, phase: "finished", error: s.error ?? { message: "The generation stopped unexpectedly. Questions completed so far are saved." } };
    case "cancelled":
      return { ...s, phase: "finished", cancelled: true, cards: s.cards.filter((c) => c.state !== "writing") };
    case "decide":
      return {
        ...s,
        cards: s.cards.map((c) => (c.id === a.cardId && c.state === "complete" ? { ...c, decision: a.decision, questionId: a.questionId ?? c.questionId } : c)),
      };
    case "answered":
      return { ...s, cards: showKey(s.cards, a.cardId, "answered") };
    case "revealed":
      return { ...s, cards: showKey(s.cards, a.cardId, "revealed") };
    case "event": {
      const e = a.event;
      switch (e.type) {
        case "start":
          return { ...s, phase: "running", jobId: e.jobId, generator: e.generator, passages: e.passages, notice: e.notice, requested: e.requested };
        case "partial": {
          if (s.drops.some((d) => d.cardId === e.cardId)) return s;
          const existing = s.cards.find((c) => c.id === e.cardId);
          if (existing && existing.state !== "writing") return s;
          const partial = applyPatch(existing?.partial ?? {}, e.patch);
          return { ...s, cards: upsert(s.cards, { id: e.cardId, state: "writing", partial }) };
        }
        case "complete":
          return {
            ...s,
            cards: upsert(s.cards, {
              id: e.cardId,
              state: "complete",
              question: e.question,
              questionId: e.questionId,
              previewToken: e.previewToken,
              // A preview shows its key (its purpose is to vet the item); a saved card hides it.
              view: s.preview ? "revealed" : "hidden",
            }),
          };
        case "drop":
          // The card being written (if any) goes; the drop is one line under the progress bar.
          return {
            ...s,
            dropped: s.dropped + 1,
            cards: s.cards.filter((c) => c.id !== e.cardId),
            drops: [...s.drops, { cardId: e.cardId, reason: e.reason, message: e.message, detail: e.detail }],
          };
        case "progress":
          return { ...s, accepted: e.accepted, dropped: e.dropped };
        case "error":
          return { ...s, error: { message: e.message, retryAfterSeconds: e.retryAfterSeconds } };
        case "done":
          return {
            ...s,
            phase: "finished",
            done: e,
            accepted: e.accepted,
            cancelled: e.status === "cancelled" || s.cancelled,
            // A card still "writing" when the run ended was never finished.
            cards: s.cards.filter((c) => c.state !== "writing"),
          };
      }
    }
  }
  return s;
}

export function useGeneration() {
  const [state, dispatch] = useReducer(runReducer, initialRun);
  const controller = useRef<AbortController | null>(null);

  const start = useCallback(async (request: GenerateRequest) => {
    controller.current?.abort();
    const ctrl = new AbortController();
    controller.current = ctrl;
    dispatch({ type: "begin", request });
    try {
      const res = await fetch("/api/generate", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(request),
        signal: ctrl.signal,
      });
      if (!res.ok || !res.body) {
        const body = (await res.json().catch(() => null)) as { error?: { message?: string; retryAfterSeconds?: number } } | null;
        dispatch({
          type: "failed",
          message: body?.error?.message ?? `The server answered ${res.status}. Please try again.`,
          retryAfterSeconds: body?.error?.retryAfterSeconds,
        });
        return;
      }
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) {
          dispatch({ type: "ended" });
          break;
        }
        buffer += value;
        let nl: number;
        while ((nl = buffer.indexOf("\n")) >= 0) {
          const line = buffer.slice(0, nl).trim();
          buffer = buffer.slice(nl + 1);
          if (line) dispatch({ type: "event", event: JSON.parse(line) as GenerationEvent });
        }
      }
    } catch (e) {
      if (ctrl.signal.aborted) dispatch({ type: "cancelled" });
      else dispatch({ type: "failed", message: `The connection to Studyin was lost (${(e as Error).message}). Questions completed so far are saved.` });
    } finally {
      if (controller.current === ctrl) controller.current = null;
    }
  }, []);

  const cancel = useCallback(() => controller.current?.abort(), []);
  const decide = useCallback(
    (cardId: string, decision: "accepted" | "discarded", questionId?: string) => dispatch({ type: "decide", cardId, decision, questionId }),
    [],
  );
  const showAnswer = useCallback((cardId: string, how: "answered" | "revealed") => dispatch({ type: how, cardId }), []);
  return { state, start, cancel, decide, showAnswer };
}
