"use client";
/** One generated question: filling in while written, then complete with its source, or dropped with why. */
import { useState, useTransition } from "react";
import { acceptPreviewQuestion } from "@/app/(app)/generate/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import type { Card as CardState } from "./use-generation";

const LETTERS = "ABCDE";

export function QuestionCard({
  card,
  number,
  onDecide,
}: {
  card: CardState;
  number: number;
  onDecide: (cardId: string, decision: "accepted" | "discarded", questionId?: string) => void;
}) {
  if (card.state === "dropped")
    return (
      <Card data-testid="question-card" data-state="dropped" className="border-amber-300 dark:border-amber-800">
        <p className="text-sm font-medium">Question {number} was dropped</p>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400" data-testid="drop-reason">
          {card.message}
        </p>
      </Card>
    );

  if (card.state === "writing") {
    const q = card.partial;
    return (
      <Card data-testid="question-card" data-state="writing" aria-busy="true">
        <p className="mb-2 text-xs font-medium uppercase tracking-wide text-brand-600">Question {number} · writing…</p>
        <p className="whitespace-pre-wrap text-sm">{q.vignette}</p>
        {q.leadIn && <p className="mt-2 text-sm font-medium">{q.leadIn}</p>}
        {q.options && q.options.length > 0 && (
          <ol className="mt-2 space-y-1 text-sm">
            {q.options.map((o, i) => (
              <li key={i}>
                {LETTERS[i]}. {o}
              </li>
            ))}
          </ol>
        )}
      </Card>
    );
  }

  const q = card.question;
  return (
    <Card data-testid="question-card" data-state="complete" className={cn(card.decision === "discarded" && "opacity-50")}>
      <p className="mb-2 flex items-center justify-between text-xs font-medium uppercase tracking-wide text-emerald-700 dark:text-emerald-400">
        <span>Question {number} · complete</span>
        <span className="normal-case text-slate-500">source quality {Math.round(q.sourceQuality * 100)}%</span>
      </p>
      <p className="whitespace-pre-wrap text-sm">{q.vignette}</p>
      <p className="mt-2 text-sm font-medium">{q.leadIn}</p>
      <ol className="mt-2 space-y-1 text-sm">
        {q.options.map((o, i) => (
          <li key={i} className={cn(i === q.correctIndex && "font-semibold text-emerald-700 dark:text-emerald-400")}>
            {LETTERS[i]}. {o}
            {i === q.correctIndex && <span className="sr-only"> (correct answer)</span>}
          </li>
        ))}
      </ol>
      <details className="mt-3 text-sm">
        <summary className="cursor-pointer text-slate-600 dark:text-slate-400">Explanation</summary>
        <p className="mt-1">{q.explanation}</p>
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
        <figcaption className="mt-1 text-xs text-slate-500">
          {q.source.label}
          {q.source.heading ? ` · ${q.source.heading}` : ""}
        </figcaption>
      </figure>
      {card.previewToken && <PreviewDecision card={card} onDecide={onDecide} />}
    </Card>
  );
}

function PreviewDecision({
  card,
  onDecide,
}: {
  card: Extract<CardState, { state: "complete" }>;
  onDecide: (cardId: string, decision: "accepted" | "discarded", questionId?: string) => void;
}) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string>();
  if (card.decision === "accepted") return <p className="mt-3 text-sm text-emerald-700 dark:text-emerald-400">Saved to your question bank.</p>;
  if (card.decision === "discarded") return <p className="mt-3 text-sm text-slate-500">Discarded.</p>;
  return (
    <div className="mt-3 space-y-2">
      <div className="flex gap-2">
        <Button
          type="button"
          disabled={pending}
          onClick={() =>
            startTransition(async () => {
              const r = await acceptPreviewQuestion({ token: card.previewToken! });
              if (r.ok) onDecide(card.id, "accepted", r.data.questionId);
              else setError(r.error.message);
            })
          }
        >
          {pending ? "Saving…" : "Accept"}
        </Button>
        <Button type="button" variant="secondary" disabled={pending} onClick={() => onDecide(card.id, "discarded")}>
          Discard
        </Button>
      </div>
      {error && <Alert>{error}</Alert>}
    </div>
  );
}
