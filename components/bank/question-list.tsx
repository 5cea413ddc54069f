/** One page of the bank: each question links to its own page. */
import Link from "next/link";
import type { BankRow } from "@/lib/bank/types";
import { DifficultyLabel, RetiredBadge, StatusBadge, TagChips } from "./badges";

export function QuestionList({ rows }: { rows: BankRow[] }) {
  return (
    <ul className="divide-y divide-slate-200 overflow-hidden rounded-xl border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900" data-testid="bank-list">
      {rows.map((r) => (
        <li key={r.id} data-testid="bank-row" className={r.retired ? "opacity-75" : undefined}>
          <Link href={`/questions/${r.id}`} className="block px-4 py-3 hover:bg-slate-50 focus-visible:bg-slate-50 dark:hover:bg-slate-800/60 dark:focus-visible:bg-slate-800/60">
            <div className="flex flex-wrap items-center gap-2">
              <span className="text-xs font-medium uppercase tracking-wide text-muted">{r.topic}</span>
              <StatusBadge status={r.status} />
              {r.retired && <RetiredBadge />}
              {r.marked && (
                <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900 dark:bg-amber-900/40 dark:text-amber-100" data-testid="marked-badge">
                  ★ Marked
                </span>
              )}
              <DifficultyLabel difficulty={r.difficulty} />
            </div>
            <p className="mt-1 font-medium">{r.leadIn}</p>
            <p className="mt-0.5 line-clamp-2 text-sm text-slate-600 dark:text-slate-400">{r.vignette}</p>
            <div className="mt-2 flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-muted">
              <TagChips tags={r.tags} />
              <span>
                {r.timesAnswered === 0
                  ? "Not answered yet"
                  : `Answered ${r.timesAnswered}× · ${Math.round((100 * r.timesCorrect) / r.timesAnswered)}% correct`}
              </span>
              {r.timesAnswered > 0 && <span>Quality {Math.round(r.qualityScore * 100)}</span>}
              {r.materialTitle && <span className="truncate">From {r.materialTitle}</span>}
            </div>
          </Link>
        </li>
      ))}
    </ul>
  );
}
