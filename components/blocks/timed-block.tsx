"use client";
/**
 * A timed block, as NBME and UWorld run them: a countdown for the whole block, questions in any
 * order, no feedback until the end. Choices are kept in the page and saved to the server every few
 * seconds and on every change (with the time used), so leaving and coming back resumes with the
 * time left (at most the last few seconds are lost). When the time runs out, or the student ends
 * the block, everything is submitted together through the bulk answer path.
 *
 * Keys: A-E choose · 1-5 confidence (optional; "somewhat sure" if not set) · → or N next ·
 * ← or P previous · M mark.
 */
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import type { BlockRunnerItem } from "@/lib/blocks/types";
import { markQuestionAction, saveBlockProgressAction, submitBlockAction } from "@/app/(app)/blocks/actions";
import { LETTERS, letterIndex } from "@/lib/questions/letters";
import { formatClock } from "./clock";
import { useShortcutsEnabled } from "@/components/question/shortcut-preference";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { useAction } from "@/lib/actions/use-action";
import { cn } from "@/lib/utils";

const SAVE_EVERY_SECONDS = 5;
const CONFIDENCE = ["Guessing", "Unsure", "Somewhat sure", "Confident", "Certain"] as const;

type ItemState = { selectedIndex: number | null; confidence: number | null; timeSpentSeconds: number; marked: boolean };


export function TimedBlock({
  blockId,
  items,
  timeLimitSeconds,
  elapsedSeconds,
  currentPosition,
}: {
  blockId: string;
  items: BlockRunnerItem[];
  timeLimitSeconds: number;
  elapsedSeconds: number;
  currentPosition: number;
}) {
  const router = useRouter();
  // The answer card's single-key shortcut setting (WCAG 2.1.4): off here too when off there.
  const [keysOn, setKeysOn] = useShortcutsEnabled();
  const [state, setState] = useState<ItemState[]>(() =>
    items.map((i) => ({ selectedIndex: i.selectedIndex, confidence: i.confidence, timeSpentSeconds: i.timeSpentSeconds, marked: i.marked })),
  );
  const [position, setPosition] = useState(Math.min(currentPosition, items.length - 1));
  const [elapsed, setElapsed] = useState(elapsedSeconds);
  const [confirming, setConfirming] = useState(false);
  const saveProgress = useAction(saveBlockProgressAction);
  const submission = useAction(submitBlockAction, { unreachable: "The block could not be submitted. Check your connection and try again." });
  const mark = useAction(markQuestionAction);
  // Once submitted, the block stays closed (no clock, no keys) until the review page opens.
  const submitting = submission.pending || submission.data !== undefined;
  const dirty = useRef(false);
  const latest = useRef({ state, position, elapsed });
  useEffect(() => {
    latest.current = { state, position, elapsed };
  });
  const questionHeading = useRef<HTMLHeadingElement>(null);
  const container = useRef<HTMLDivElement>(null);

  const progress = useCallback(
    () => ({
      blockId,
      currentPosition: latest.current.position,
      elapsedSeconds: Math.floor(latest.current.elapsed),
      items: latest.current.state.map((s, position) => ({
        position,
        selectedIndex: s.selectedIndex,
        confidence: s.confidence,
        timeSpentSeconds: Math.floor(s.timeSpentSeconds),
      })),
    }),
    [blockId],
  );

  const { run: runSave } = saveProgress;
  const save = useCallback(() => {
    dirty.current = false;
    void runSave(progress(), {
      // Not reached (or the database is down): try again on the next tick.
      onError: (e) => {
        if (e.code === "unavailable") dirty.current = true;
      },
    });
  }, [runSave, progress]);

  const { run: runSubmit } = submission;
  const submit = useCallback(() => {
    if (submitting) return;
    void runSubmit(progress(), { onSuccess: () => router.push(`/blocks/${blockId}/review`) });
  }, [submitting, runSubmit, progress, router, blockId]);

  const remaining = timeLimitSeconds - elapsed;

  const submitRef = useRef(submit);
  useEffect(() => {
    submitRef.current = submit;
  });

  // The clock: one tick a second charges the time to the block and to the question on screen; at
  // zero the block is submitted as it stands.
  useEffect(() => {
    if (submitting) return;
    const id = window.setInterval(() => {
      if (latest.current.elapsed + 1 >= timeLimitSeconds) {
        setElapsed(timeLimitSeconds);
        latest.current.elapsed = timeLimitSeconds;
        submitRef.current();
        return;
      }
      setElapsed((e) => e + 1);
      setState((s) => s.map((it, i) => (i === latest.current.position ? { ...it, timeSpentSeconds: it.timeSpentSeconds + 1 } : it)));
      if (Math.floor(latest.current.elapsed + 1) % SAVE_EVERY_SECONDS === 0 || dirty.current) save();
    }, 1000);
    return () => window.clearInterval(id);
  }, [submitting, save, timeLimitSeconds]);

  const update = useCallback((patch: Partial<ItemState>) => {
    dirty.current = true;
    setState((s) => s.map((it, i) => (i === latest.current.position ? { ...it, ...patch } : it)));
  }, []);

  const go = useCallback((to: number) => {
    if (to < 0 || to >= items.length) return;
    dirty.current = true;
    setPosition(to);
    setConfirming(false);
    questionHeading.current?.focus();
  }, [items.length]);

  const { run: runMark } = mark;
  const toggleMark = useCallback(() => {
    const pos = latest.current.position;
    const next = !latest.current.state[pos]!.marked;
    const setMarked = (marked: boolean) => setState((s) => s.map((it, i) => (i === pos ? { ...it, marked } : it)));
    setMarked(next); // at once; put back if the save fails
    void runMark({ questionId: items[pos]!.card.id, marked: next }, { onError: () => setMarked(!next) });
  }, [items, runMark]);

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (!keysOn || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented || submitting) return;
      const t = e.target as HTMLElement | null;
      // As the answer card: only inside the block, or on the page body (or <main>); a nav link,
      // Sign out or a field elsewhere keeps its keys.
      const onBody = !t || t === document.body || t === document.documentElement || t.tagName === "MAIN";
      if (!onBody && !container.current?.contains(t)) return;
      if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT")) return;
      const card = items[latest.current.position]!.card;
      const letter = letterIndex(e.key);
      if (letter >= 0 && letter < card.options.length) return update({ selectedIndex: letter });
      if (/^[1-5]$/.test(e.key)) return update({ confidence: Number(e.key) });
      if (e.key === "ArrowRight" || e.key.toLowerCase() === "n") return go(latest.current.position + 1);
      if (e.key === "ArrowLeft" || e.key.toLowerCase() === "p") return go(latest.current.position - 1);
      if (e.key.toLowerCase() === "m") return toggleMark();
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [items, update, go, toggleMark, submitting, keysOn]);

  const item = items[position]!;
  const cur = state[position]!;
  const answeredCount = state.filter((s) => s.selectedIndex !== null).length;
  const low = remaining <= 60;
  return (
    <div ref={container} className="space-y-4" data-testid="timed-block">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm">
          <span className="font-medium">Time left: </span>
          <span
            className={cn("font-mono text-lg font-semibold tabular-nums", low && "text-red-700 dark:text-red-400")}
            data-testid="time-left"
            aria-live={low ? "polite" : "off"}
          >
            {formatClock(remaining)}
          </span>
        </p>
        <p className="text-sm text-muted">
          {answeredCount} of {items.length} answered
        </p>
      </div>

      <nav aria-label="Questions in this block" className="flex flex-wrap gap-1">
        {items.map((it, i) => (
          <button
            key={it.position}
            type="button"
            onClick={() => go(i)}
            aria-current={i === position ? "step" : undefined}
            aria-label={`Question ${i + 1}${state[i]!.selectedIndex !== null ? ", answered" : ""}${state[i]!.marked ? ", marked" : ""}`}
            className={cn(
              "h-8 min-w-8 rounded border px-1 text-xs",
              i === position ? "border-brand-600 font-bold" : "border-slate-300 dark:border-slate-700",
              state[i]!.selectedIndex !== null && "bg-slate-200 dark:bg-slate-700",
            )}
          >
            {i + 1}
            {state[i]!.marked ? "★" : ""}
          </button>
        ))}
      </nav>

      <Card className="space-y-4" data-testid="timed-question">
        <div className="flex items-center justify-between gap-2">
          <h2 ref={questionHeading} tabIndex={-1} className="text-base font-semibold" data-testid="timed-position">
            Question {position + 1} of {items.length}
          </h2>
          <button
            type="button"
            aria-pressed={cur.marked}
            onClick={toggleMark}
            className="rounded border border-slate-300 px-2 py-1 text-xs dark:border-slate-700"
            data-testid="mark-button"
          >
            {cur.marked ? "★ Marked" : "☆ Mark"}
            {keysOn && <span className="opacity-70"> (M)</span>}
          </button>
        </div>
        <p className="whitespace-pre-line leading-relaxed">{item.card.vignette}</p>
        <p className="font-semibold">{item.card.leadIn}</p>
        <div role="radiogroup" aria-label="Answer options" className="space-y-2">
          {item.card.options.map((opt, i) => (
            <button
              key={i}
              type="button"
              role="radio"
              aria-checked={cur.selectedIndex === i}
              onClick={() => update({ selectedIndex: i })}
              className={cn(
                "flex w-full items-start gap-3 rounded-lg border px-3 py-2 text-left text-sm",
                cur.selectedIndex === i ? "border-brand-500 bg-brand-50 dark:bg-brand-700/20" : "border-slate-200 dark:border-slate-700",
              )}
            >
              <span className="font-mono font-semibold">{LETTERS[i]}.</span>
              <span>{opt}</span>
            </button>
          ))}
        </div>
        <div role="radiogroup" aria-label="How confident are you? (optional)" className="flex flex-wrap gap-2">
          {CONFIDENCE.map((label, i) => (
            <button
              key={label}
              type="button"
              role="radio"
              aria-checked={cur.confidence === i + 1}
              onClick={() => update({ confidence: i + 1 })}
              className={cn(
                "rounded-lg border px-2 py-1 text-xs",
                cur.confidence === i + 1 ? "border-brand-500 bg-brand-50 font-semibold dark:bg-brand-700/20" : "border-slate-200 dark:border-slate-700",
              )}
            >
              {i + 1} · {label}
            </button>
          ))}
        </div>
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-muted pointer-coarse:hidden">
          <p>
            {keysOn
              ? "Keys: A–E choose · 1–5 confidence · → or N next · ← or P previous · M mark"
              : "Use Tab and Enter or Space to choose, and the buttons to move between questions."}
          </p>
          <label className="inline-flex items-center gap-1">
            <input type="checkbox" checked={keysOn} onChange={(e) => setKeysOn(e.currentTarget.checked)} className="size-3.5" />
            Single-key shortcuts
          </label>
        </div>
      </Card>

      {submission.error && <Alert>{submission.error.message}</Alert>}
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="flex gap-2">
          <Button variant="secondary" type="button" onClick={() => go(position - 1)} disabled={position === 0}>
            Previous
          </Button>
          <Button variant="secondary" type="button" onClick={() => go(position + 1)} disabled={position === items.length - 1}>
            Next
          </Button>
        </div>
        {confirming ? (
          <div className="flex items-center gap-2" role="group" aria-label="End the block?">
            <span className="text-sm">
              End now{answeredCount < items.length ? ` with ${items.length - answeredCount} unanswered` : ""}?
            </span>
            <Button type="button" onClick={submit} disabled={submitting} autoFocus>
              {submitting ? "Submitting…" : "Yes, end and review"}
            </Button>
            <Button variant="ghost" type="button" onClick={() => setConfirming(false)}>
              Keep going
            </Button>
          </div>
        ) : (
          <Button type="button" onClick={() => setConfirming(true)} disabled={submitting}>
            End block
          </Button>
        )}
      </div>
    </div>
  );
}
