/** A question as the bank shows it: stem, options with the answer marked and why, and the cited passage. */
import type { QuestionDetail } from "@/lib/bank/types";
import { Card } from "@/components/ui/card";
import { cn } from "@/lib/utils";
import { LETTERS } from "@/lib/questions/letters";

function pages(start: number | null, end: number | null) {
  if (!start) return null;
  return end && end !== start ? `pp. ${start}–${end}` : `p. ${start}`;
}

export function QuestionView({ detail }: { detail: QuestionDetail }) {
  const q = detail.question;
  return (
    <div className="space-y-4">
      <Card>
        <p className="whitespace-pre-line leading-relaxed" data-testid="vignette">{q.vignette}</p>
        <h2 className="mt-3 text-base font-semibold">{q.leadIn}</h2>
        <ol className="mt-4 space-y-2" aria-label="Options">
          {q.options.map((opt, i) => {
            const correct = i === q.correctIndex;
            return (
              <li
                key={i}
                data-testid={correct ? "correct-option" : "option"}
                className={cn(
                  "rounded-lg border px-3 py-2",
                  correct
                    ? "border-emerald-300 bg-emerald-50 dark:border-emerald-800 dark:bg-emerald-950/40"
                    : "border-slate-200 dark:border-slate-800",
                )}
              >
                <div className="flex gap-2">
                  <span className="font-semibold">{LETTERS[i]}.</span>
                  <span className="flex-1">{opt}</span>
                  {correct && <span className="text-sm font-semibold text-emerald-700 dark:text-emerald-300">✓ Correct answer</span>}
                </div>
                {q.optionExplanations[i] && (
                  <p className="mt-1 pl-6 text-sm text-slate-600 dark:text-slate-400">{q.optionExplanations[i]}</p>
                )}
              </li>
            );
          })}
        </ol>
        <div className="mt-4 rounded-lg bg-slate-50 p-3 text-sm dark:bg-slate-800/60">
          <h3 className="font-semibold">Explanation</h3>
          <p className="mt-1 whitespace-pre-line">{q.explanation}</p>
        </div>
      </Card>
      <Card>
        <h2 className="text-base font-semibold">Source</h2>
        {q.sourceQuote && (
          <blockquote className="mt-2 border-l-4 border-brand-500 pl-3 text-sm italic">“{q.sourceQuote}”</blockquote>
        )}
        {detail.passages.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
            {detail.materialTitle ? `From ${detail.materialTitle}. ` : ""}The cited passage is no longer available.
          </p>
        ) : (
          detail.passages.map((p) => (
            <details key={p.id} className="mt-3 text-sm" data-testid="source-passage">
              <summary className="cursor-pointer">
                <span className="font-medium">{p.materialTitle}</span>
                {pages(p.pageStart, p.pageEnd) && <span>, {pages(p.pageStart, p.pageEnd)}</span>}
                {p.heading && <span className="text-slate-600 dark:text-slate-400"> · {p.heading}</span>}
              </summary>
              <p className="mt-2 whitespace-pre-line text-slate-700 dark:text-slate-300">{p.content}</p>
            </details>
          ))
        )}
      </Card>
    </div>
  );
}
