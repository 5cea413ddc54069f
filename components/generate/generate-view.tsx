"use client";
/**
 * The Generate page's interactive part: the request form (one topic or several), one progress bar
 * for the whole run, then one section per topic with its cards.
 */
import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
import { Suspense, useEffect, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, inputClass } from "@/components/ui/field";
import type { StartGenerationInput } from "@/lib/ai/request";
import type { WatchedJob } from "@/lib/ai/types";
import { type GenerationState, totals, useGeneration } from "./use-generation";
import { withWait } from "./with-wait";

// The run view (each topic's messages, passages, drops, cards, the summary) loads once a run starts,
// so the page itself opens with the form and the progress line only (`npm run bench:bundle`).
const runView = () => import("./run-view");
const RunMessages = dynamic(() => runView().then((m) => m.RunMessages));
const RunDetails = dynamic(() => runView().then((m) => m.RunDetails));
const RunSection = dynamic(() => runView().then((m) => m.RunSection));
const Summary = dynamic(() => runView().then((m) => m.Summary));

export function GenerateView({
  materials,
  suggestions,
  generatorLabel,
  offline,
  today,
  initialTopic,
  jobs = [],
  maxTopics,
}: {
  /** Prefilled topic (a link from the dashboard's weak areas). */
  initialTopic?: string;
  materials: { id: string; title: string }[];
  suggestions: string[];
  generatorLabel: string;
  offline: boolean;
  /** The student's local date (the answer feedback says when a question comes back). */
  today: string;
  /** Jobs to follow from the start (the address's `?jobs=`: a reload, another device, a Watch link). */
  jobs?: WatchedJob[];
  /** How many topics one request may take (MAX_BATCH_TOPICS). */
  maxTopics: number;
}) {
  const { state, phase, start, cancel, decide, showAnswer } = useGeneration(jobs);
  // Fetch the run view while the student fills in the form, so a run shows without a wait.
  useEffect(() => {
    void runView();
  }, []);
  const router = useRouter();
  const running = phase === "starting" || phase === "running";

  // The topic inputs: each row keeps its own key, so removing one leaves the others' text alone.
  const [rows, setRows] = useState<number[]>([0]);
  const nextRow = useRef(1);
  const [focusRow, setFocusRow] = useState<number | null>(null);
  useEffect(() => {
    if (focusRow !== null) document.getElementById(`topic-${focusRow}`)?.focus();
  }, [focusRow]);
  const [topicErrors, setTopicErrors] = useState<Record<number, string>>({});

  const refusal = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // The request was turned away (too little material on the topic, a limit): land on why.
    if (state.refusal) refusal.current?.focus();
  }, [state.refusal]);
  // The server's field messages (e.g. `topics.1`) go under the inputs they are about.
  const serverTopicErrors: Record<number, string> = {};
  for (const [path, message] of Object.entries(state.refusal?.fields ?? {})) {
    const m = /^topics\.(\d+)$/.exec(path);
    if (m) serverTopicErrors[Number(m[1])] = message;
  }

  // Generate was pressed: land on the progress it produced (a live region reads what follows).
  const progress = useRef<HTMLElement>(null);
  const runStarting = phase === "starting";
  useEffect(() => {
    if (runStarting) progress.current?.focus();
  }, [runStarting]);

  // When the runs end: the list of recent generations below catches up; after a Cancel, focus goes
  // back to the progress (the Cancel button it was on is gone).
  const finished = phase === "finished";
  const cancelled = state.cancelling;
  useEffect(() => {
    if (!finished) return;
    router.refresh();
    if (cancelled) progress.current?.focus();
  }, [finished, cancelled, router]);

  const preview = state.runs[0]?.preview ?? false;
  const answering = !preview && state.runs.some((r) => r.cards.some((c) => c.state === "complete"));

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const fd = new FormData(form);
    const values = fd.getAll("topic").map((v) => String(v).trim());
    const errors: Record<number, string> = {};
    const seen = new Set<string>();
    values.forEach((t, i) => {
      if (t.length < 2) errors[i] = "Enter a topic (at least 2 characters).";
      else if (seen.has(t.toLowerCase())) errors[i] = "You already asked for this topic.";
      seen.add(t.toLowerCase());
    });
    setTopicErrors(errors);
    const firstBad = Object.keys(errors).map(Number)[0];
    if (firstBad !== undefined) return document.getElementById(`topic-${rows[firstBad]}`)?.focus();
    const input: StartGenerationInput = {
      topics: values,
      difficulty: Number(fd.get("difficulty")),
      count: Number(fd.get("count")),
      level: Number(fd.get("level")),
      materialIds: fd.getAll("materialIds").map(String),
      preview: fd.get("preview") === "on",
    };
    void start(input);
  }

  return (
    <div className="space-y-6">
      <form onSubmit={onSubmit} className="grid gap-4 rounded-xl border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900 md:grid-cols-2" aria-label="Generate questions">
        <div className="space-y-3 md:col-span-2">
          {rows.map((row, i) => (
            <div key={row} className="flex items-start gap-2">
              <div className="flex-1">
                <Field
                  label={i === 0 ? "Topic" : `Topic ${i + 1}`}
                  error={topicErrors[i] ?? serverTopicErrors[i]}
                  hint={i === 0 && suggestions.length ? "Suggestions come from your materials' headings." : undefined}
                >
                  <Input
                    id={`topic-${row}`}
                    name="topic"
                    defaultValue={i === 0 ? initialTopic : undefined}
                    list="topic-suggestions"
                    required
                    minLength={2}
                    maxLength={200}
                    placeholder={i === 0 ? "e.g. cardiac conduction system" : undefined}
                  />
                </Field>
              </div>
              {i > 0 && (
                <Button
                  type="button"
                  variant="ghost"
                  className="mt-6"
                  aria-label={`Remove topic ${i + 1}`}
                  onClick={() => {
                    setRows((r) => r.filter((x) => x !== row));
                    setTopicErrors({});
                    setFocusRow(null);
                    // Focus goes to the row above (the removed one is gone).
                    requestAnimationFrame(() => document.getElementById(`topic-${rows[i - 1]}`)?.focus());
                  }}
                >
                  Remove
                </Button>
              )}
            </div>
          ))}
          <datalist id="topic-suggestions">
            {suggestions.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
          {rows.length < maxTopics ? (
            <Button
              type="button"
              variant="secondary"
              size="sm"
              onClick={() => {
                const row = nextRow.current++;
                setRows((r) => [...r, row]);
                setFocusRow(row);
              }}
            >
              Add another topic
            </Button>
          ) : (
            <p className="text-xs text-muted">Up to {maxTopics} topics at once.</p>
          )}
        </div>
        <Field label="Difficulty">
          <select name="difficulty" defaultValue="3" className={inputClass}>
            {[1, 2, 3, 4, 5].map((n) => (
              <option key={n} value={n}>{`${n}${n === 1 ? " (recall)" : n === 5 ? " (hardest)" : ""}`}</option>
            ))}
          </select>
        </Field>
        <Field label="How many questions" hint={rows.length > 1 ? "For each topic." : undefined}>
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
        <div className="flex flex-wrap items-center gap-3 md:col-span-2">
          <Button type="submit" disabled={running}>
            {running ? "Generating…" : "Generate"}
          </Button>
          {phase === "running" && (
            <Button
              type="button"
              variant="danger"
              aria-busy={state.cancelling || undefined}
              aria-disabled={state.cancelling || undefined}
              onClick={() => {
                if (!state.cancelling) void cancel();
              }}
            >
              {state.cancelling ? "Cancelling…" : "Cancel"}
            </Button>
          )}
          <span className="text-xs text-muted" data-testid="generator-label">
            Writer: {generatorLabel}
          </span>
        </div>
        {state.cancelError && (
          <Alert className="md:col-span-2" data-testid="cancel-error">
            {state.cancelError}
          </Alert>
        )}
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
      {phase !== "idle" && <ProgressLine ref={progress} state={state} phase={phase} />}
      {answering && (
        <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="answer-here-note">
          Answer each question here (it counts as your first attempt and schedules its review), or reveal its answer
          without recording anything.
        </p>
      )}
      <div className="space-y-8" data-testid="question-cards">
        <Suspense fallback={null}>
          {state.runs.map((run) => (
            <RunSection
              key={run.jobId}
              run={run}
              today={today}
              onDecide={(cardId, decision, questionId) => decide(run.jobId, cardId, decision, questionId)}
              onShowAnswer={(cardId, how) => showAnswer(run.jobId, cardId, how)}
            />
          ))}
        </Suspense>
      </div>
    </div>
  );
}

/** The whole run: one line and one bar over every topic, then what each topic retrieved and dropped. */
function ProgressLine({ state, phase, ref }: { state: GenerationState; phase: "starting" | "running" | "finished"; ref: React.Ref<HTMLElement> }) {
  const { accepted, requested, dropped } = totals(state);
  const batch = state.runs.length > 1;
  const generator = state.runs.find((r) => r.generator)?.generator;
  const allEnded = phase === "finished";
  const summarised = allEnded && state.runs.some((r) => r.done || r.cancelled);
  const pct = requested > 0 ? Math.min(100, Math.round((accepted / requested) * 100)) : 0;
  return (
    <section ref={ref} tabIndex={-1} data-testid="generation-progress-region" className="space-y-3 rounded-xl border border-slate-200 bg-white p-4 text-sm dark:border-slate-800 dark:bg-slate-900" aria-label="Generation progress">
      <div aria-live="polite" className="space-y-2">
        <p data-testid="generation-progress" className="font-medium">
          {phase === "starting" ? "Finding passages in your material…" : `${accepted} of ${requested}`}
          {dropped > 0 && ` · ${dropped} dropped`}
          {phase === "running" && (state.cancelling ? " · cancelling…" : " · writing…")}
          {batch && phase !== "starting" && ` · ${state.runs.length} topics`}
        </p>
        {generator && (
          <p data-testid="generation-writer" className="text-slate-600 dark:text-slate-400">
            {generator.kind === "offline" ? "Written by the offline generator (no AI model)" : `Written by the model ${generator.label}`}
          </p>
        )}
        {/* Boundaries of their own: the lazy parts must never suspend the section that holds focus. */}
        <Suspense fallback={null}>
          {state.runs.map((run) => (
            <RunMessages key={run.jobId} run={run} batch={batch} />
          ))}
        </Suspense>
        <Suspense fallback={null}>{summarised && <Summary state={state} />}</Suspense>
      </div>
      {phase !== "starting" && (
        <div
          role="progressbar"
          aria-label="Questions written"
          aria-valuemin={0}
          aria-valuemax={requested}
          aria-valuenow={Math.min(accepted, requested)}
          aria-valuetext={`${accepted} of ${requested} questions`}
          className="h-2 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800"
        >
          <div className="h-full rounded-full bg-brand-600 transition-all" style={{ width: `${pct}%` }} />
        </div>
      )}
      <Suspense fallback={null}>
        {state.runs.map((run) => (
          <RunDetails key={run.jobId} run={run} batch={batch} />
        ))}
      </Suspense>
    </section>
  );
}

