/** Horizontal bars of a 0-1 share per row (e.g. accuracy by topic); rows without data say so. */
import { ChartFrame, percent } from "./chart-frame";

export type MeterRow = { label: string; value: number | null; note: string };

export function MeterBarChart({ id, title, caption, rows, fillClass }: { id: string; title: string; caption?: string; rows: MeterRow[]; fillClass: string }) {
  return (
    <ChartFrame id={id} title={title} caption={caption} table={{ head: ["", "Share", ""], rows: rows.map((r) => [r.label, percent(r.value), r.note]) }}>
      <ul className="space-y-3">
        {rows.map((r, i) => (
          <li key={r.label}>
            <div className="mb-1 flex items-baseline justify-between gap-2 text-sm">
              <span className="truncate font-medium">{r.label}</span>
              <span className="shrink-0 text-xs text-muted">
                <span className="font-semibold text-slate-800 dark:text-slate-200">{percent(r.value)}</span> · {r.note}
              </span>
            </div>
            <svg role="img" aria-labelledby={`${id}-${i}-t`} aria-describedby={`${id}-${i}-d`} viewBox="0 0 100 4" preserveAspectRatio="none" className="block h-3 w-full overflow-hidden rounded">
              <title id={`${id}-${i}-t`}>{r.label}</title>
              <desc id={`${id}-${i}-d`}>{r.value === null ? `No data: ${r.note}.` : `${percent(r.value)}, ${r.note}.`}</desc>
              <rect width="100" height="4" className="fill-slate-100 dark:fill-slate-800" />
              {r.value !== null && r.value > 0 && <rect width={100 * r.value} height="4" className={fillClass} />}
            </svg>
          </li>
        ))}
      </ul>
    </ChartFrame>
  );
}
