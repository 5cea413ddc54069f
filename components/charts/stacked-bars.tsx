/**
 * Horizontal stacked bars, one per row (e.g. a topic split into mastered/reviewing/learning/new).
 * Labels are HTML so they stay readable on a phone; each bar is an SVG with its own title and
 * description giving the numbers it draws.
 */
import { ChartFrame, Legend } from "./chart-frame";

export type Series = { key: string; label: string; fillClass: string };
export type StackedRow = { label: string; values: Record<string, number>; note?: string };

export function StackedBarChart({
  id,
  title,
  caption,
  series,
  rows,
}: {
  id: string;
  title: string;
  caption?: string;
  series: Series[];
  rows: StackedRow[];
}) {
  return (
    <ChartFrame
      id={id}
      title={title}
      caption={caption}
      table={{
        head: ["", ...series.map((s) => s.label), "Total"],
        rows: rows.map((r) => [r.label, ...series.map((s) => r.values[s.key] ?? 0), series.reduce((n, s) => n + (r.values[s.key] ?? 0), 0)]),
      }}
    >
      <Legend items={series.map((s) => ({ label: s.label, swatchClass: s.fillClass }))} />
      <ul className="space-y-3">
        {rows.map((r, i) => {
          const total = series.reduce((n, s) => n + (r.values[s.key] ?? 0), 0);
          let x = 0;
          const summary = series.map((s) => `${s.label} ${r.values[s.key] ?? 0}`).join(", ");
          return (
            <li key={r.label}>
              <div className="mb-1 flex items-baseline justify-between gap-2 text-sm">
                <span className="truncate font-medium">{r.label}</span>
                <span className="shrink-0 text-xs text-muted">{r.note ?? `${total}`}</span>
              </div>
              <svg
                role="img"
                aria-labelledby={`${id}-${i}-t`} aria-describedby={`${id}-${i}-d`}
                viewBox="0 0 100 4"
                preserveAspectRatio="none"
                className="block h-3 w-full overflow-hidden rounded"
              >
                <title id={`${id}-${i}-t`}>{r.label}</title>
                <desc id={`${id}-${i}-d`}>{`${summary} (of ${total}).`}</desc>
                <rect width="100" height="4" className="fill-slate-100 dark:fill-slate-800" />
                {total > 0 &&
                  series.map((s) => {
                    const w = (100 * (r.values[s.key] ?? 0)) / total;
                    const rect = w > 0 ? <rect key={s.key} x={x} width={w} height="4" className={s.fillClass} /> : null;
                    x += w;
                    return rect;
                  })}
              </svg>
            </li>
          );
        })}
      </ul>
    </ChartFrame>
  );
}
