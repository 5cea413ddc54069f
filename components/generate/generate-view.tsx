"use client";
/** The Generate page's interactive part: the request form, the progress line and the cards. */
import dynamic from "next/dynamic";
import Link from "next/link";
import { Suspense, useEffect, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { Field, Input, inputClass } from "@/components/ui/field";
import { formatWait } from "@/lib/ratelimit/format";
import type { GenerateRequest } from "@/lib/ai/request";
import { type RunState, useGeneration } from "./use-generation";

// The cards and the drop lines (with the answer card inside) load once a run starts, so the page
// itself opens with the form only (`npm run bench:bundle`).
const QuestionCard = dynamic(() => import("./question-card").then((m) => m.QuestionCard), {
  loading: () => <p className="text-sm">Loading…</p>,
});
const DropList = dynamic(() => import("./drop-list").then((m) => m.DropList));

export function GenerateView({
  materials,
  suggestions,
  generatorLabel,
  offline,
  today,
  initialTopic,
}: {
  /** Prefilled topic (a link from the dashboard's weak areas). */
  initialTopic?: string;
  materials: { id: string; title: string }[];
  suggestions: string[];
  generatorLabel: string;
  offline: boolean;
  /** The student's local date (the answer feedback says when a question comes back). */
  today: string;
}) {
  const { state, start, cancel, decide, showAnswer } = useGeneration();
  const [formError, setFormError] = useState<string>();
  const running = state.phase === "starting" || state.phase === "running";
  const refusal = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // The request was turned away (too little material on the topic, a limit): land on why.
    if (state.refusal) refusal.current?.focus();
  }, [state.refusal]);
  // Generate was pressed: land on the progress it produced (a live region reads what follows).
  const progress = useRef<HTMLElement>(null);
  const runStarting = state.phase === "starting";
  useEffect(() => {
    if (runStarting) progress.current?.focus();
  }, [runStarting]);
  const answering = !state.preview && state.cards.some((c) => c.state === "complete");

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    const topic = String(fd.get("topic") ?? "").trim();
    if (topic.length < 2) {
      (e.currentTarget.elements.namedItem("topic") as HTMLInputElement | null)?.focus();
      return setFormError("Enter a topic (at least 2 characters).");
    }
    setFormError(undefined);
    const request: GenerateRequest = {
      topic,
      difficulty: Number(fd.get("difficulty")),
      count: Number(fd.get("count")),
      level: Number(fd.get("level")),
      materialIds: fd.getAll("materialIds").map(String),
      preview: fd.get("preview") === "on",
    };
    void start(request);
  }

  return (
    <div className="space-y-6">
      <form onSubmit={onSubmit} className="grid gap-4 rounded-xl border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900 md:grid-cols-2" aria-label="Generate questions">
        <div className="md:col-span-2">
          <Field label="Topic" error={formError} hint={suggestions.length ? "Suggestions come from your materials' headings." : undefined}>
            <Input name="topic" defaultValue={initialTopic} list="topic-suggestions" required minLength={2} maxLength={200} placeholder="e.g. cardiac conduction system" />
          </Field>
          <datalist id="topic-suggestions">
            {suggestions.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
        </div>
        <Field label="Difficulty">
          <select name="difficulty" defaultValue="3" className={inputClass}>
            {[1, 2, 3, 4, 5].map((n) => (
              <option key={n} value={n}>{`${n}${n === 1 ? " (recall)" : n === 5 ? " (hardest)" : ""}`}</option>
            ))}
          </select>
        </Field>
        <Field label="How many questions">
          <Input name="count" type="number" min={1} max={20} defaultValue={5} required />
        </Field>
        <Field label="Your level">
          <select name="level" defaultValue="3" className={inputClass}>
            {[1, 2, 3, 4, 5].map((n) => (
              <option key={n} value={n}>{`${n}${n === 1 ? " (first year)" : n === 5 ? " (ready for Step 1)" : ""}`}</option>
            ))}
          </select>
        </Field>
        {materials.length > 0 && (
          <fieldset className="space-y-1">
            <legend className="text-sm font-medium">Draw from (optional; default all)</legend>
            {materials.map((m) => (
              <label key={m.id} className="flex items-center gap-2 text-sm">
                <input type="checkbox" name="materialIds" value={m.id} /> {m.title}
              </label>
            ))}
          </fieldset>
        )}
        <label className="flex items-center gap-2 text-sm md:col-span-2">
          <input type="checkbox" name="preview" /> Preview (nothing is saved until you accept a card)
        </label>
        <div className="flex items-center gap-3 md:col-span-2">
          <Button type="submit" disabled={running}>
            {running ? "Generating…" : "Generate"}
          </Button>
          {running && (
            <Button type="button" variant="danger" onClick={cancel}>
              Cancel
            </Button>
          )}
          <span className="text-xs text-muted" data-testid="generator-label">
            Writer: {generatorLabel}
          </span>
        </div>
        {offline && (
          <p className="text-xs text-slate-600 dark:text-slate-400 md:col-span-2" data-testid="offline-note">
            Without an AI model, Studyin writes recall questions from your own material: a term from its definition, a
            definition from its term, and fill-in-the-blank sentences from key passages. Clinical vignettes need an AI model:
            ask your administrator to connect one (the README section “Pointing Studyin at a model” explains how).
          </p>
        )}
        {state.refusal && (
          <Alert ref={refusal} tabIndex={-1} className="md:col-span-2" data-testid="generation-error">
            {withWait(state.refusal)}
          </Alert>
        )}
      </form>
      {state.phase !== "idle" && !state.refusal && <ProgressLine ref={progress} state={state} />}
      {answering && (
        <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="answer-here-note">
          Answer each question here (it counts as your first attempt and schedules its review), or reveal its answer
          without recording anything.
        </p>
      )}
      <div className="space-y-4" data-testid="question-cards">
        <Suspense fallback={null}>
          {state.cards.map((c, i) => (
            <QuestionCard
              key={c.id}
              card={c}
              number={i + 1}
              preview={state.preview}
              difficulty={state.difficulty}
              today={today}
              onDecide={decide}
              onShowAnswer={showAnswer}
            />
          ))}
        </Suspense>
      </div>
    </div>
  );
}

/** An error's message, with when to try again if the server said and the message does not. */
function withWait(error: { message: string; retryAfterSeconds?: number }): string {
  return error.retryAfterSeconds && !/try again in|retry in/i.test(error.message)
    ? `${error.message} Try again in ${formatWait(error.retryAfterSeconds)}.`
    : error.message;
}

function ProgressLine({ state, ref }: { state: RunState; ref: React.Ref<HTMLElement> }) {
  const running = state.phase !== "finished";
  return (
    <section ref={ref} tabIndex={-1} data-testid="generation-progress-region" className="space-y-3 rounded-xl border border-slate-200 bg-white p-4 text-sm dark:border-slate-800 dark:bg-slate-900" aria-label="Generation progress">
      <div aria-live="polite" className="space-y-2">
        <p data-testid="generation-progress" className="font-medium">
          {state.phase === "starting" ? "Finding passages in your material…" : `${state.accepted} of ${state.requested}`}
          {state.dropped > 0 && ` · ${state.dropped} dropped`}
          {running && state.phase === "running" && " · writing…"}
        </p>
        {state.generator && (
          <p data-testid="generation-writer" className="text-slate-600 dark:text-slate-400">
            {state.generator.kind === "offline" ? "Written by the offline generator (no AI model)" : `Written by the model ${state.generator.label}`}
          </p>
        )}
        {state.notice && <Alert tone="warning">{state.notice}</Alert>}
        {state.error && <Alert data-testid="generation-error">{withWait(state.error)}</Alert>}
        {state.phase === "finished" && (state.done || state.cancelled) && <Summary state={state} />}
      </div>
      {/* A boundary of its own: the lazy list must never suspend the section that holds focus. */}
      {state.drops.length > 0 && (
        <Suspense fallback={null}>
          <DropList drops={state.drops} />
        </Suspense>
      )}
      {state.passages.length > 0 && (
        <details>
          <summary className="cursor-pointer text-slate-600 dark:text-slate-400">{state.passages.length} passages retrieved</summary>
          <ul className="mt-2 space-y-2" data-testid="retrieved-passages">
            {state.passages.map((p) => (
              <li key={p.chunkId}>
                <span className="font-medium">{p.source}</span>
                {p.heading ? ` · ${p.heading}` : ""}
                {p.distance != null ? ` · distance ${p.distance.toFixed(2)}` : ""}
                <p className="text-xs text-muted">{p.excerpt}…</p>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

function Summary({ state }: { state: RunState }) {
  const saved = state.preview ? state.cards.filter((c) => c.state === "complete" && c.decision === "accepted").length : (state.done?.saved ?? state.cards.filter((c) => c.state === "complete").length);
  const answered = state.cards.filter((c) => c.state === "complete" && c.view === "answered").length;
  return (
    <div data-testid="generation-summary" className="flex flex-wrap items-center gap-3">
      <span>
        {state.cancelled ? "Cancelled. " : ""}
        {state.preview ? `Preview: accept the cards you want to keep. ${saved} saved.` : `${saved} question${saved === 1 ? "" : "s"} saved to your bank.`}
        {answered > 0 && ` ${answered} answered here.`}
      </span>
      {saved > 0 && (
        <Link href="/questions" className={buttonClass("secondary")}>
          Open the question bank
        </Link>
      )}
      {!state.preview && saved > answered && (
        <Link href="/review?mode=new" className={buttonClass("secondary")}>
          Study the new questions
        </Link>
      )}
    </div>
  );
}
