/** The result of an answer: right or wrong, every option's explanation, the cited passage, XP, next review. */
import type { AnswerOutcome } from "@/lib/srs/types";
import { cn } from "@/lib/utils";
import { LETTERS } from "@/lib/questions/letters";
import { formatDay, relativeDay } from "@/lib/srs/format";
import { SchedulerForecast } from "./scheduler-forecast";

export function AnswerFeedback({
  outcome,
  today,
  verdictRef,
}: {
  outcome: AnswerOutcome;
  today: string;
  /** Lets the answer card move focus to the verdict (focusable from script only). */
  verdictRef?: React.Ref<HTMLDivElement>;
}) {
  const c = outcome.citation;
  const pages = c.pageStart ? (c.pageEnd && c.pageEnd !== c.pageStart ? `pp. ${c.pageStart}–${c.pageEnd}` : `p. ${c.pageStart}`) : null;
  return (
    <div className="space-y-4" data-testid="answer-feedback">
      <div
        ref={verdictRef}
        tabIndex={verdictRef ? -1 : undefined}
        data-testid="answer-verdict"
        className={cn(
          "rounded-lg px-3 py-2 text-sm font-semibold",
          outcome.isCorrect
            ? "bg-emerald-50 text-emerald-800 dark:bg-emerald-950/50 dark:text-emerald-200"
            : "bg-red-50 text-red-800 dark:bg-red-950/50 dark:text-red-200",
        )}
      >
        {outcome.isCorrect ? "Correct" : `Incorrect — the answer is ${LETTERS[outcome.correctIndex]}`}
        <span className="ml-2 font-normal">
          <span data-testid="xp-earned">+{outcome.xpEarned} XP</span> · comes back{" "}
          <span data-testid="next-review">
            {relativeDay(outcome.nextReviewDate, today)} ({formatDay(outcome.nextReviewDate)})
          </span>
        </span>
        {outcome.practice && (
          <p data-testid="practice-note" className="mt-1 font-normal">
            Practice: you already answered this question today, so this answer earns no XP and leaves its
            review date where it was.
          </p>
        )}
      </div>

      {outcome.forecast && !outcome.practice && (
        <details className="rounded-lg border border-slate-200 px-3 py-2 dark:border-slate-700" data-testid="answer-forecast">
          <summary className="cursor-pointer text-sm font-medium">How each scheduler saw this question</summary>
          <div className="mt-2">
            <SchedulerForecast
              testId="forecast"
              scheduler={outcome.forecast.scheduler}
              recallLabel="Predicted recall before answering"
              recall={outcome.forecast.recall}
              columns={[{ label: "Next interval", days: outcome.forecast.intervals }]}
            />
            <p className="mt-1 text-xs text-muted">
              Your scheduler (in bold) set the date; change it in Settings. SM-2&apos;s recall is read as 90% at its due date.
            </p>
          </div>
        </details>
      )}

      <ol className="space-y-2" aria-label="Explanations">
        {outcome.options.map((opt, i) => {
          const isAnswer = i === outcome.correctIndex;
          const isChosen = i === outcome.selectedIndex;
          return (
            <li
              key={i}
              data-testid={`explanation-${LETTERS[i]}`}
              className={cn(
                "rounded-lg border px-3 py-2 text-sm",
                isAnswer
                  ? "border-emerald-300 dark:border-emerald-800"
                  : isChosen
                    ? "border-red-300 dark:border-red-800"
                    : "border-slate-200 dark:border-slate-700",
              )}
            >
              <div className="font-medium">
                {LETTERS[i]}. {opt}
                {isAnswer && <span className="ml-2 text-xs text-emerald-700 dark:text-emerald-300">Correct answer</span>}
                {isChosen && <span className="ml-2 text-xs text-muted">Your answer</span>}
              </div>
              <p className="mt-1 text-slate-600 dark:text-slate-400">{outcome.optionExplanations[i]}</p>
            </li>
          );
        })}
      </ol>

      <p className="text-sm">{outcome.explanation}</p>

      {c.quote && (
        <figure className="rounded-lg border-l-4 border-brand-500 bg-slate-50 px-4 py-3 text-sm dark:bg-slate-800/60" data-testid="citation">
          <blockquote className="italic">“{c.quote}”</blockquote>
          <figcaption className="mt-2 text-xs text-slate-600 dark:text-slate-400">
            {c.materialTitle ?? "Your material"}
            {pages && <>, {pages}</>}
            {c.heading && <> · {c.heading}</>}
          </figcaption>
        </figure>
      )}
    </div>
  );
}
