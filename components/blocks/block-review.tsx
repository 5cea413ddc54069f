"use client";
/**
 * A finished block: the score, time per question, and each question with the student's choice, the
 * key and the explanations; filter to incorrect (omitted count as incorrect, as in UWorld).
 */
import { useState } from "react";
import type { BlockReviewItem } from "@/lib/blocks/types";
import { LETTERS } from "@/lib/questions/letters";
import { Card } from "@/components/ui/card";
import { cn } from "@/lib/utils";
import { MarkButton } from "./mark-button";
import { formatClock } from "./clock";

export function BlockReview({
  items,
  timeLimitSeconds,
  elapsedSeconds,
}: {
  items: BlockReviewItem[];
  timeLimitSeconds: number | null;
  elapsedSeconds: number;
}) {
  const [onlyIncorrect, setOnlyIncorrect] = useState(false);
  const correctOf = (i: BlockReviewItem) => i.isCorrect ?? (i.selectedIndex !== null && i.selectedIndex === i.correctIndex && i.attemptId !== null);
  const correct = items.filter(correctOf).length;
  const omitted = items.filter((i) => i.selectedIndex === null).length;
  const totalTime = items.reduce((n, i) => n + i.timeSpentSeconds, 0);
  const shown = onlyIncorrect ? items.filter((i) => !correctOf(i)) : items;
  return (
    <div className="space-y-6">
      <Card>
        <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
          <div>
            <dt className="text-xs text-muted">Score</dt>
            <dd className="text-2xl font-semibold" data-testid="block-score">
              {correct} / {items.length} ({Math.round((100 * correct) / Math.max(1, items.length))} %)
            </dd>
          </div>
          <div>
            <dt className="text-xs text-muted">Omitted</dt>
            <dd className="text-2xl font-semibold">{omitted}</dd>
          </div>
          <div>
            <dt className="text-xs text-muted">Time used</dt>
            <dd className="text-2xl font-semibold">
              {formatClock(timeLimitSeconds ? elapsedSeconds : totalTime)}
              {timeLimitSeconds ? <span className="text-sm font-normal"> of {formatClock(timeLimitSeconds)}</span> : null}
            </dd>
          </div>
          <div>
            <dt className="text-xs text-muted">Average per question</dt>
            <dd className="text-2xl font-semibold">{Math.round(totalTime / Math.max(1, items.length))} s</dd>
          </div>
        </dl>
      </Card>

      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={onlyIncorrect} onChange={(e) => setOnlyIncorrect(e.target.checked)} />
        Show incorrect and omitted only
      </label>

      <ol className="space-y-4" data-testid="block-review-items">
        {shown.map((i) => {
          const ok = correctOf(i);
          return (
            <li key={i.position}>
              <Card className="space-y-3" data-testid="block-review-item">
                <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
                  <h2 className="font-semibold">
                    Question {i.position + 1} ·{" "}
                    <span className={ok ? "text-emerald-700 dark:text-emerald-400" : "text-red-700 dark:text-red-400"}>
                      {i.selectedIndex === null ? "Omitted" : ok ? "Correct" : "Incorrect"}
                    </span>
                  </h2>
                  <span className="text-muted">
                    {i.topic} · {i.timeSpentSeconds} s{i.confidence ? ` · confidence ${i.confidence}/5` : ""}
                  </span>
                  <MarkButton questionId={i.questionId} initial={Boolean(i.marked)} />
                </div>
                <p className="whitespace-pre-line text-sm">{i.vignette}</p>
                <p className="text-sm font-semibold">{i.leadIn}</p>
                <ul className="space-y-2 text-sm">
                  {i.options.map((opt, k) => (
                    <li
                      key={k}
                      className={cn(
                        "rounded-lg border px-3 py-2",
                        k === i.correctIndex
                          ? "border-emerald-500 bg-emerald-50 dark:bg-emerald-900/20"
                          : k === i.selectedIndex
                            ? "border-red-500 bg-red-50 dark:bg-red-900/20"
                            : "border-slate-200 dark:border-slate-700",
                      )}
                    >
                      <p>
                        <span className="font-mono font-semibold">{LETTERS[k]}.</span> {opt}
                        {k === i.correctIndex && <span className="ml-2 text-xs font-semibold">(correct answer)</span>}
                        {k === i.selectedIndex && <span className="ml-2 text-xs font-semibold">(your answer)</span>}
                      </p>
                      {i.optionExplanations[k] && <p className="mt-1 text-muted">{i.optionExplanations[k]}</p>}
                    </li>
                  ))}
                </ul>
                <p className="text-sm">
                  <span className="font-semibold">Explanation: </span>
                  {i.explanation}
                </p>
              </Card>
            </li>
          );
        })}
      </ol>
      {shown.length === 0 && <p className="text-sm">No incorrect or omitted questions in this block.</p>}
    </div>
  );
}
