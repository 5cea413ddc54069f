/** "7 / 23": the card being studied out of the session's total, with a bar of what is done. */
export function ProgressBar({ done, position, total }: { done: number; position: number; total: number }) {
  const pct = total > 0 ? Math.round((done / total) * 100) : 0;
  return (
    <div className="space-y-1">
      <div className="flex justify-between text-sm text-slate-600 dark:text-slate-400">
        <span>
          Question <span data-testid="session-progress">{Math.min(position, total)} / {total}</span>
        </span>
        <span>{done} answered</span>
      </div>
      <div
        role="progressbar"
        aria-label="Session progress"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        className="h-2 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800"
      >
        <div className="h-full rounded-full bg-brand-600 transition-all" style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}
