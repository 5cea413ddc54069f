"use client";
/**
 * A generated question shown with its key: a preview card being vetted (Accept / Discard), or a
 * saved card the student chose to reveal without answering (focus lands on the key).
 */
import { useEffect, useRef } from "react";
import { acceptPreviewQuestion, discardPreviewQuestion } from "@/app/(app)/generate/actions";
import { LETTERS } from "@/lib/questions/letters";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { useAction } from "@/lib/actions/use-action";
import { cn } from "@/lib/utils";
import type { Card as CardState } from "./use-generation";

type Complete = Extract<CardState, { state: "complete" }>;
type Decide = (cardId: string, decision: "accepted" | "discarded", questionId?: string) => void;

export function KeyedQuestion({
  card,
  jobId,
  number,
  preview,
  onDecide,
}: {
  card: Complete;
  /** The job the card came from: a discard is kept on it. */
  jobId: string;
  number: number;
  preview: boolean;
  onDecide: Decide;
}) {
  const q = card.question;
  // A saved card is shown keyed only because the student pressed Reveal; a preview always is.
  const revealed = !preview;
  const key = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (revealed) key.current?.focus();
  }, [revealed]);

  return (
    <Card data-testid="question-card" data-state="complete" data-key="revealed" data-question-id={card.questionId} className={cn(card.decision === "discarded" && "opacity-50")}>
      <p className="mb-2 flex items-center justify-between text-xs font-medium uppercase tracking-wide text-emerald-700 dark:text-emerald-400">
        <span>
          Question {number} · {revealed ? "revealed" : "complete"}
        </span>
        <span className="normal-case text-muted">source quality {Math.round(q.sourceQuality * 100)}%</span>
      </p>
      <p className="whitespace-pre-wrap text-sm">{q.vignette}</p>
      <p className="mt-2 text-sm font-medium">{q.leadIn}</p>
      <ol className="mt-2 space-y-1 text-sm">
        {q.options.map((o, i) =>
          i === q.correctIndex ? (
            <li key={i} ref={key} tabIndex={-1} data-testid="answer-key" className="font-semibold text-emerald-700 dark:text-emerald-400">
              {LETTERS[i]}. {o} <span className="ml-1 text-xs font-medium">(correct answer)</span>
            </li>
          ) : (
            <li key={i}>
              {LETTERS[i]}. {o}
            </li>
          ),
        )}
      </ol>
      {revealed && (
        <p className="mt-2 text-xs text-muted" data-testid="reveal-note">
          Not recorded: this question stays new and comes up in your reviews.
        </p>
      )}
      {/* Revealed to study: the explanation is what the student came for. Vetting: one click away. */}
      <details className="mt-3 text-sm" open={revealed}>
        <summary className="cursor-pointer text-slate-600 dark:text-slate-400">Explanation</summary>
        <p className="mt-1" data-testid="explanation">
          {q.explanation}
        </p>
        <ul className="mt-1 list-disc pl-5 text-slate-600 dark:text-slate-400">
          {q.optionExplanations.map((e, i) => (
            <li key={i}>
              {LETTERS[i]}: {e}
            </li>
          ))}
        </ul>
      </details>
      <figure className="mt-3 border-l-4 border-slate-300 pl-3 text-sm dark:border-slate-700" data-testid="question-source">
        <blockquote className="italic">“{q.sourceQuote}”</blockquote>
        <figcaption className="mt-1 text-xs text-muted">
          {q.source.label}
          {q.source.heading ? ` · ${q.source.heading}` : ""}
        </figcaption>
      </figure>
      {card.previewToken && <PreviewDecision card={card} jobId={jobId} onDecide={onDecide} />}
    </Card>
  );
}

/** Accept saves the card to the bank; Discard keeps nothing. The job remembers either, for a page that reopens it. */
function PreviewDecision({ card, jobId, onDecide }: { card: Complete; jobId: string; onDecide: Decide }) {
  const accept = useAction(acceptPreviewQuestion);
  const discard = useAction(discardPreviewQuestion);
  const pending = accept.pending || discard.pending;
  const error = accept.error ?? discard.error;
  if (card.decision === "accepted") return <p className="mt-3 text-sm text-emerald-700 dark:text-emerald-400">Saved to your question bank.</p>;
  if (card.decision === "discarded") return <p className="mt-3 text-sm text-muted">Discarded.</p>;
  return (
    <div className="mt-3 space-y-2">
      <div className="flex gap-2">
        <Button
          type="button"
          disabled={pending}
          onClick={() => void accept.run({ token: card.previewToken! }, { onSuccess: (d) => onDecide(card.id, "accepted", d.questionId) })}
        >
          {accept.pending ? "Saving…" : "Accept"}
        </Button>
        <Button
          type="button"
          variant="secondary"
          disabled={pending}
          onClick={() => void discard.run({ jobId, cardId: card.id }, { onSuccess: () => onDecide(card.id, "discarded") })}
        >
          {discard.pending ? "Discarding…" : "Discard"}
        </Button>
      </div>
      {error && <Alert>{error.message}</Alert>}
    </div>
  );
}
