"use client";
/**
 * One question to answer: vignette, lead-in, options A-E, confidence 1-5, submit.
 *
 * Keyboard: options and confidence are two radio groups (one Tab stop each, arrows move and choose;
 * Enter on an unchosen radio chooses it). Single-key shortcuts, which a student can turn off
 * (shortcut-preference.ts): A-E choose an option; 1-5 choose an option while none is chosen, then set
 * the confidence; Enter submits (and, once answered, goes on). They act only while focus is inside
 * this card or, with `shortcuts="page"` (one card at a time, as in review), on the page body: never
 * while a link, button or field elsewhere has focus. With `shortcuts="card"` (a page with several
 * cards, such as Generate) focus moves to the verdict once answered; with a Next button, to it, and
 * the verdict is announced through a live region. The time taken is measured from when
 * the card appeared. The idempotency key is made once per card, so a double submit or a retry after
 * a network error is recorded once.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type { AnswerOutcome } from "@/lib/srs/types";
import type { StudyCard } from "@/lib/srs/types";
import { answerQuestionAction } from "@/app/(app)/review/actions";
import { announceProfile } from "@/components/shell/profile-events";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { useAction } from "@/lib/actions/use-action";
import { cn } from "@/lib/utils";
import { AnswerFeedback } from "./answer-feedback";
import { RadioGroup } from "./radio-group";
import { useShortcutsEnabled } from "./shortcut-preference";
import { LETTERS, letterIndex } from "@/lib/questions/letters";

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
  autoFocus = false,
  headingLevel = 2,
}: {
  card: StudyCard;
  /** The student's local date, for "comes back tomorrow". */
  today: string;
  onAnswered?: (outcome: AnswerOutcome) => void;
  onNext?: () => void;
  nextLabel?: string;
  /** Where the keys listen: the whole page (one card at a time, as in review) or only this card. */
  shortcuts?: "page" | "card";
  /** Move focus to the card when it appears (the next card of a session). */
  autoFocus?: boolean;
  /** Level of the question's heading (the lead-in) in the page's outline. */
  headingLevel?: 2 | 3;
}) {
  const [selected, setSelected] = useState<number | null>(null);
  const [confidence, setConfidence] = useState<number | null>(null);
  const answer = useAction(answerQuestionAction, { unreachable: "Your answer could not be sent. Check your connection and press Enter to try again." });
  const { run, pending } = answer;
  const outcome = answer.data ?? null;
  // What is missing before a submit (checked here), else what the server said.
  const [missing, setMissing] = useState<string | null>(null);
  const error = missing ?? answer.error?.message ?? null;
  const { reset } = answer;
  const clearError = useCallback(() => {
    setMissing(null);
    reset();
  }, [reset]);
  const startedAt = useRef<number | null>(null);
  const idempotencyKey = useRef<string>("");
  const nextButton = useRef<HTMLButtonElement>(null);
  const verdict = useRef<HTMLDivElement>(null);
  const cardRef = useRef<HTMLDivElement>(null);
  const optionRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const confidenceRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const [keysOn, setKeysOn] = useShortcutsEnabled();
  const hasNext = Boolean(onNext);
  const ids = `card-${card.id}`;

  useEffect(() => {
    if (autoFocus) cardRef.current?.focus();
  }, [autoFocus]);

  useEffect(() => {
    // A fresh card: restart the timer and make a new key (the parent remounts us per card).
    startedAt.current = performance.now();
    idempotencyKey.current = newKey();
  }, [card.id]);

  const submit = useCallback(() => {
    if (pending || outcome) return;
    if (selected === null) return setMissing("Choose an answer first (A–E or 1–5).");
    if (confidence === null) return setMissing("Set how confident you are (1–5).");
    setMissing(null);
    const seconds = startedAt.current === null ? 1 : (performance.now() - startedAt.current) / 1000;
    const input = { questionId: card.id, selectedIndex: selected, confidence, timeTakenSeconds: seconds, idempotencyKey: idempotencyKey.current };
    void run(input, {
      onSuccess: (o) => {
        announceProfile(o.profile);
        onAnswered?.(o);
      },
    });
  }, [pending, outcome, selected, confidence, card.id, onAnswered, run]);

  useEffect(() => {
    if (!outcome) return;
    // Go on with Enter in a session; elsewhere, land on the result so it is read out.
    if (hasNext) nextButton.current?.focus();
    else verdict.current?.focus();
  }, [outcome, hasNext]);

  const onKey = useCallback(
    (e: KeyboardEvent | React.KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
      const t = e.target as HTMLElement | null;
      // Only inside this card, or on the page body (or <main>, after the skip link): a link, button or
      // field elsewhere keeps its keys.
      const onBody = !t || t === document.body || t === document.documentElement || t.tagName === "MAIN";
      if (!onBody && !cardRef.current?.contains(t)) return;
      if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT" || t.isContentEditable)) return;
      const radio = t?.getAttribute("role") === "radio" ? t : null;
      // Enter on a radio not chosen yet chooses it (it does not submit).
      if (e.key === "Enter" && radio && radio.getAttribute("aria-checked") === "false") {
        e.preventDefault();
        radio.click();
        return;
      }
      // Links and other buttons keep their own Enter.
      if (e.key === "Enter" && t && !radio && (t.tagName === "A" || t.tagName === "BUTTON")) return;
      if (!keysOn) return;
      if (outcome) {
        if (e.key === "Enter" && onNext) {
          e.preventDefault();
          onNext();
        }
        return;
      }
      const group = radio?.dataset.group;
      const letter = letterIndex(e.key);
      if (letter >= 0 && letter < card.options.length) {
        setSelected(letter);
        clearError();
        if (group === "option") optionRefs.current[letter]?.focus();
        return;
      }
      if (/^[1-5]$/.test(e.key)) {
        const n = Number(e.key);
        if (selected === null) {
          if (n <= card.options.length) {
            setSelected(n - 1);
            if (group === "option") optionRefs.current[n - 1]?.focus();
          }
        } else {
          setConfidence(n);
          if (group === "confidence") confidenceRefs.current[n - 1]?.focus();
        }
        clearError();
        return;
      }
      if (e.key === "Enter") {
        e.preventDefault();
        submit();
      }
    },
    [outcome, selected, card.options.length, submit, onNext, keysOn, clearError],
  );

  useEffect(() => {
    if (shortcuts !== "page") return;
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [shortcuts, onKey]);

  const Heading = headingLevel === 3 ? "h3" : "h2";
  const announcement = outcome && hasNext ? verdictText(outcome) : "";
  return (
    <Card
      ref={cardRef}
      tabIndex={-1}
      role="group"
      aria-labelledby={`${ids}-lead-in`}
      aria-describedby={outcome ? undefined : `${ids}-keys`}
      className="space-y-5"
      data-testid="answer-card"
      aria-busy={pending}
      onKeyDown={shortcuts === "card" ? onKey : undefined}
    >
      <div className="flex flex-wrap items-center gap-2 text-xs text-muted">
        <span className="rounded-full bg-slate-100 px-2 py-0.5 dark:bg-slate-800">{card.topic}</span>
        <span>Difficulty {card.difficulty}/5</span>
        {card.materialTitle && <span>· {card.materialTitle}</span>}
      </div>
      <p className="whitespace-pre-line leading-relaxed" data-testid="vignette">
        {card.vignette}
      </p>
      <Heading id={`${ids}-lead-in`} className="text-base font-semibold" data-testid="lead-in">
        {card.leadIn}
      </Heading>

      {outcome ? (
        <AnswerFeedback outcome={outcome} today={today} verdictRef={verdict} />
      ) : (
        <>
          <RadioGroup
            label="Answer options"
            describedBy={`${ids}-keys`}
            group="option"
            value={selected}
            refs={optionRefs}
            onChange={(i) => {
              setSelected(i);
              clearError();
            }}
            className="space-y-2"
            items={card.options.map((opt, i) => ({
              key: String(i),
              content: (
                <>
                  <span className="font-mono font-semibold">{LETTERS[i]}.</span>
                  <span>{opt}</span>
                </>
              ),
            }))}
            itemClass={(checked) =>
              cn(
                "flex w-full items-start gap-3 rounded-lg border px-3 py-2 text-left text-sm transition-colors",
                checked
                  ? "border-brand-500 bg-brand-50 dark:bg-brand-700/20"
                  : "border-slate-200 hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800",
              )
            }
          />

          <div>
            <div id={`conf-${card.id}`} className="mb-2 text-sm font-medium">
              How confident are you?
            </div>
            <RadioGroup
              labelledBy={`conf-${card.id}`}
              group="confidence"
              value={confidence === null ? null : confidence - 1}
              refs={confidenceRefs}
              onChange={(i) => {
                setConfidence(i + 1);
                clearError();
              }}
              className="flex flex-wrap gap-2"
              items={CONFIDENCE_LABELS.map((label, i) => ({
                key: label,
                ariaLabel: `Confidence ${i + 1}: ${label}`,
                content: `${i + 1} · ${label}`,
              }))}
              itemClass={(checked) =>
                cn(
                  "rounded-lg border px-3 py-1.5 text-sm",
                  checked
                    ? "border-brand-500 bg-brand-50 font-semibold dark:bg-brand-700/20"
                    : "border-slate-200 hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800",
                )
              }
            />
          </div>

          {error && <Alert>{error}</Alert>}
          <div className="flex flex-wrap items-center justify-between gap-3">
            <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-muted pointer-coarse:hidden">
              <p id={`${ids}-keys`}>
                {keysOn
                  ? `${shortcuts === "card" ? "Keys, inside this question: " : "Keys: "}A–E choose · then 1–5 confidence · Enter submits`
                  : "Arrows move within the answers and the confidence; Tab goes between them."}
              </p>
              <label className="inline-flex items-center gap-1">
                <input type="checkbox" checked={keysOn} onChange={(e) => setKeysOn(e.currentTarget.checked)} className="size-3.5" />
                Single-key shortcuts
              </label>
            </div>
            <Button type="button" onClick={submit} disabled={pending}>
              {pending ? "Submitting…" : "Submit answer"}
            </Button>
          </div>
        </>
      )}

      {outcome && onNext && (
        <div className="flex justify-end">
          <button ref={nextButton} type="button" onClick={onNext} className={buttonClass("primary")}>
            {nextLabel} {keysOn && <span className="text-xs opacity-80">(Enter)</span>}
          </button>
        </div>
      )}
      <p className="sr-only" role="status" data-testid="answer-announcement">
        {announcement}
      </p>
    </Card>
  );
}

function verdictText(o: AnswerOutcome): string {
  const verdict = o.isCorrect ? "Correct." : `Incorrect: the answer is ${LETTERS[o.correctIndex]}.`;
  return `${verdict} +${o.xpEarned} XP.`;
}
