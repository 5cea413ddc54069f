/** Small labels the bank uses for review status, retirement and difficulty. */
import type { ReviewStatus } from "@/lib/srs/types";
import { cn } from "@/lib/utils";

const STATUS_STYLE: Record<ReviewStatus, string> = {
  new: "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300",
  learning: "bg-amber-100 text-amber-800 dark:bg-amber-900/40 dark:text-amber-200",
  reviewing: "bg-sky-100 text-sky-800 dark:bg-sky-900/40 dark:text-sky-200",
  mastered: "bg-emerald-100 text-emerald-800 dark:bg-emerald-900/40 dark:text-emerald-200",
};

export const STATUS_LABEL: Record<ReviewStatus, string> = {
  new: "New",
  learning: "Learning",
  reviewing: "Reviewing",
  mastered: "Mastered",
};

const pill = "inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium";

export function StatusBadge({ status }: { status: ReviewStatus }) {
  return (
    <span className={cn(pill, STATUS_STYLE[status])} data-testid="status-badge">
      {STATUS_LABEL[status]}
    </span>
  );
}

export function RetiredBadge() {
  return (
    <span
      className={cn(pill, "bg-red-100 text-red-800 dark:bg-red-900/40 dark:text-red-200")}
      data-testid="retired-badge"
      title="Flagged too often: left out of review sessions"
    >
      Retired
    </span>
  );
}

export function DifficultyLabel({ difficulty }: { difficulty: number }) {
  return (
    <span className="text-xs text-slate-600 dark:text-slate-400" title={`Difficulty ${difficulty} of 5`}>
      <span aria-hidden>{"●".repeat(difficulty)}{"○".repeat(5 - difficulty)}</span>
      <span className="sr-only">Difficulty {difficulty} of 5</span>
    </span>
  );
}

export function TagChips({ tags }: { tags: readonly string[] }) {
  if (tags.length === 0) return null;
  return (
    <ul className="flex flex-wrap gap-1" aria-label="Tags">
      {tags.map((t) => (
        <li key={t} className={cn(pill, "bg-brand-50 text-brand-700 dark:bg-brand-700/20 dark:text-brand-100")}>
          #{t}
        </li>
      ))}
    </ul>
  );
}
