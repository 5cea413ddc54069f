/**
 * A chart of one value per day: columns (counts) or a line with a dot per day (a 0-1 share, broken
 * on days without data). The plot is an SVG scaled to the card's width (keeping its aspect, so dots
 * stay round); axis labels are HTML so they keep their size on a phone.
 */
import { columns, linePath, niceMax, pointPositions } from "@/lib/analytics/geometry";
import { ChartFrame } from "./chart-frame";

const W = 300;
const H = 100;

export type DailyValue = { day: string; value: number | null };

const dayLabel = (day: string) =>
  new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));

export function DailyChart({
  id,
  title,
  caption,
  kind,
  points,
  format,
  seriesClass,
  dotClass = "",
}: {
  id: string;
  title: string;
  caption?: string;
  kind: "columns" | "line";
  points: DailyValue[];
  /** How a value reads in labels, e.g. "4 answers" or "75%". */
  format: (v: number) => string;
  /** Fill (columns) or stroke (line) colour classes. */
  seriesClass: string;
  /** Fill colour classes of the line's dots. */
  dotClass?: string;
}) {
  const values = points.map((p) => p.value);
  const max = kind === "line" ? 1 : niceMax(Math.max(0, ...values.map((v) => v ?? 0)));
  const withData = points.filter((p) => p.value !== null && (kind === "line" || p.value > 0));
  const desc =
    withData.length === 0
      ? "No data in this period."
      : `${withData.length} of ${points.length} days with data. ` + withData.map((p) => `${dayLabel(p.day)}: ${format(p.value!)}`).join("; ") + ".";
  const first = points[0];
  const last = points.at(-1);
  const mid = points[Math.floor(points.length / 2)];
  return (
    <ChartFrame
      id={id}
      title={title}
      caption={caption}
      table={{ head: ["Day", title], rows: withData.map((p) => [dayLabel(p.day), format(p.value!)]) }}
    >
      <div className="flex gap-2">
        <div className="flex flex-col justify-between text-right text-xs text-muted" aria-hidden="true">
          <span>{format(max)}</span>
          <span>{format(max / 2)}</span>
          <span>{format(0)}</span>
        </div>
        <svg
          role="img"
          aria-labelledby={`${id}-svg-t`}
          aria-describedby={`${id}-svg-d`}
          viewBox={`0 0 ${W} ${H}`}
          className="h-auto w-full min-w-0 flex-1 overflow-visible"
        >
          <title id={`${id}-svg-t`}>{title}</title>
          <desc id={`${id}-svg-d`}>{desc}</desc>
          {[0, 0.5, 1].map((f) => (
            <line
              key={f}
              x1="0"
              x2={W}
              y1={H * f}
              y2={H * f}
              className="stroke-slate-200 dark:stroke-slate-700"
              strokeDasharray={f === 1 ? undefined : "3 3"}
            />
          ))}
          {kind === "columns" ? (
            columns(values.map((v) => v ?? 0), W, H, max).map((c, i) =>
              c.height > 0 ? (
                <rect key={points[i]!.day} x={c.x} y={c.y} width={c.width} height={c.height} className={seriesClass} data-testid="column">
                  <title>{`${dayLabel(points[i]!.day)}: ${format(points[i]!.value ?? 0)}`}</title>
                </rect>
              ) : null,
            )
          ) : (
            <>
              <path
                d={linePath(values, W, H, max)}
                fill="none"
                strokeWidth="2"
                strokeLinecap="round"
                strokeLinejoin="round"
                className={seriesClass}
                data-testid={`${id}-line`}
              />
              {pointPositions(values, W, H, max).map((pt, i) =>
                pt ? (
                  <circle key={points[i]!.day} cx={pt.x} cy={pt.y} r="3" className={dotClass} data-testid="point">
                    <title>{`${dayLabel(points[i]!.day)}: ${format(points[i]!.value!)}`}</title>
                  </circle>
                ) : null,
              )}
            </>
          )}
        </svg>
      </div>
      {first && last && mid && (
        <div className="mt-1 flex justify-between pl-8 text-xs text-muted" aria-hidden="true">
          <span>{dayLabel(first.day)}</span>
          <span>{dayLabel(mid.day)}</span>
          <span>{dayLabel(last.day)}</span>
        </div>
      )}
    </ChartFrame>
  );
}
