"use client";
/**
 * One question to answer: vignette, lead-in, options A-E, confidence 1-5, submit.
 *
 * Keyboard: A-E choose an option at any time; 1-5 choose an option while none is chosen, then set
 * the confidence; Enter submits (and, once answered, goes on). With `shortcuts="card"` (a page with
 * several cards, such as Generate) the keys act only while focus is inside this card, and focus
 * moves to the verdict once answered. The time taken is measured from when
 * the card appeared. The idempotency key is made once per card, so a double submit or a retry after
 * a network error is recorded once.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type { AnswerOutcome } from "@/db/queries/answers";
import type { StudyCard } from "@/db/queries/reviews";
import { answerQuestionAction } from "@/app/(app)/review/actions";
import { announceProfile } from "@/components/shell/profile-events";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { AnswerFeedback } from "./answer-feedback";

export const LETTERS = ["A", "B", "C", "D", "E"] as const;
const CONFIDENCE_LABELS = ["Guessing", "Unsure", "Somewhat sure", "Confident", "Certain"] as const;

function newKey(): string {
  return typeof crypto !== "undefined" && "randomUUID" in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

export function AnswerCard({
  card,
  today,
  onAnswered,
  onNext,
  nextLabel = "Next question",
  shortcuts = "page",
}: {
  card: StudyCard;
  /** The student's local date, for "comes back tomorrow". */
  today: string;
  onAnswered?: (outcome: AnswerOutcome) => void;
  onNext?: () => void;
  nextLabel?: string;
  /** Where the keys listen: the whole page (one card at a time, as in review) or only this card. */
  shortcuts?: "page" | "card";
}) {
  const [selected, setSelected] = useState<number | null>(null);
  const [confidence, setConfidence] = useState<number | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<AnswerOutcome | null>(null);
  const startedAt = useRef<number | null>(null);
  const idempotencyKey = useRef<string>("");
  const nextButton = useRef<HTMLButtonElement>(null);
  const verdict = useRef<HTMLDivElement>(null);
  const hasNext = Boolean(onNext);

  useEffect(() => {
    // A fresh card: restart the timer and make a new key (the parent remounts us per card).
    startedAt.current = performance.now();
    idempotencyKey.current = newKey();
  }, [card.id]);

  const submit = useCallback(async () => {
    if (pending || outcome) return;
    if (selected === null) return setError("Choose an answer first (A–E or 1–5).");
    if (confidence === null) return setError("Set how confident you are (1–5).");
    setPending(true);
    setError(null);
    const seconds = startedAt.current === null ? 1 : (performance.now() - startedAt.current) / 1000;
    try {
      const res = await answerQuestionAction({
        questionId: card.id,
        selectedIndex: selected,
        confidence,
        timeTakenSeconds: seconds,
        idempotencyKey: idempotencyKey.current,
      });
      if (res.ok) {
        setOutcome(res.data);
        announceProfile(res.data.profile);
        onAnswered?.(res.data);
      } else setError(res.error.message);
    } catch {
      setError("Your answer could not be sent. Check your connection and press Enter to try again.");
    } finally {
      setPending(false);
    }
  }, [pending, outcome, selected, confidence, card.id, onAnswered]);

  useEffect(() => {
    if (!outcome) return;
    // Go on with Enter in a session; elsewhere, land on the result so it is read out.
    if (hasNext) nextButton.current?.focus();
    else verdict.current?.focus();
  }, [outcome, hasNext]);

  const onKey = useCallback(
    (e: KeyboardEvent | React.KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const t = e.target as HTMLElement | null;
      if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT" || t.isContentEditable)) return;
      if (outcome) {
        if (e.key === "Enter" && onNext && t?.tagName !== "A") {
          e.preventDefault();
          onNext();
        }
        return;
      }
      const letter = LETTERS.indexOf(e.key.toUpperCase() as (typeof LETTERS)[number]);
      if (letter >= 0 && letter < card.options.length) {
        setSelected(letter);
        setError(null);
        return;
      }
      if (/^[1-5]$/.test(e.key)) {
        const n = Number(e.key);
        if (selected === null) {
          if (n <= card.options.length) setSelected(n - 1);
        } else setConfidence(n);
        setError(null);
        return;
      }
      if (e.key === "Enter" && t?.tagName !== "A") {
        // Also when an option or confidence button has focus: Enter submits, it does not re-click.
        e.preventDefault();
        void submit();
      }
    },
    [outcome, selected, card.options.length, submit, onNext],
  );

  useEffect(() => {
    if (shortcuts !== "page") return;
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [shortcuts, onKey]);

  return (
    <Card className="space-y-5" data-testid="answer-card" aria-busy={pending} onKeyDown={shortcuts === "card" ? onKey : undefined}>
      <div className="flex flex-wrap items-center gap-2 text-xs text-slate-500">
        <span className="rounded-full bg-slate-100 px-2 py-0.5 dark:bg-slate-800">{card.topic}</span>
        <span>Difficulty {card.difficulty}/5</span>
        {card.materialTitle && <span>· {card.materialTitle}</span>}
      </div>
      <p className="whitespace-pre-line leading-relaxed" data-testid="vignette">
        {card.vignette}
      </p>
      <p className="font-semibold" data-testid="lead-in">
        {card.leadIn}
      </p>

      {outcome ? (
        <AnswerFeedback outcome={outcome} today={today} verdictRef={verdict} />
      ) : (
        <>
          <div role="radiogroup" aria-label="Answer options" className="space-y-2">
            {card.options.map((opt, i) => (
              <button
                key={i}
                type="button"
                role="radio"
                aria-checked={selected === i}
                onClick={() => {
                  setSelected(i);
                  setError(null);
                }}
                className={cn(
                  "flex w-full items-start gap-3 rounded-lg border px-3 py-2 text-left text-sm transition-colors",
                  selected === i
                    ? "border-brand-500 bg-brand-50 dark:bg-brand-700/20"
                    : "border-slate-200 hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800",
                )}
              >
                <span className="font-mono font-semibold">{LETTERS[i]}.</span>
                <span>{opt}</span>
              </button>
            ))}
          </div>

          <div>
            <div id={`conf-${card.id}`} className="mb-2 text-sm font-medium">
              How confident are you?
            </div>
            <div role="radiogroup" aria-labelledby={`conf-${card.id}`} className="flex flex-wrap gap-2">
              {CONFIDENCE_LABELS.map((label, i) => (
                <button
                  key={label}
                  type="button"
                  role="radio"
                  aria-checked={confidence === i + 1}
                  aria-label={`Confidence ${i + 1}: ${label}`}
                  onClick={() => {
                    setConfidence(i + 1);
                    setError(null);
                  }}
                  className={cn(
                    "rounded-lg border px-3 py-1.5 text-sm",
                    confidence === i + 1
                      ? "border-brand-500 bg-brand-50 font-semibold dark:bg-brand-700/20"
                      : "border-slate-200 hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800",
                  )}
                >
                  {i + 1} · {label}
                </button>
              ))}
            </div>
          </div>

          {error && <Alert>{error}</Alert>}
          <div className="flex flex-wrap items-center justify-between gap-3">
            <p className="text-xs text-slate-500 pointer-coarse:hidden">
              {shortcuts === "card" ? "Keys, inside this question: " : "Keys: "}A–E choose · then 1–5 confidence · Enter submits
            </p>
            <Button type="button" onClick={() => void submit()} disabled={pending}>
              {pending ? "Submitting…" : "Submit answer"}
            </Button>
          </div>
        </>
      )}

      {outcome && onNext && (
        <div className="flex justify-end">
          <button ref={nextButton} type="button" onClick={onNext} className={buttonClass("primary")}>
            {nextLabel} <span className="text-xs opacity-80">(Enter)</span>
          </button>
        </div>
      )}
    </Card>
  );
}
