/**
 * The analytics completions (issue 11): per-topic confidence and calibration, SM-2 effectiveness by
 * status, the learning curve and retention by interval. Same hand-written SVG as the other charts
 * (ChartFrame, MeterBarChart); every one has its numbers in a table and says when it has no data.
 */
import type { TopicConfidence } from "@/lib/analytics/types";
import { ChartFrame, percent } from "./chart-frame";
import { MeterBarChart } from "./meter-bars";

type Tallied = { label: string; answered: number; correct: number; accuracy: number | null };

const note = (t: { answered: number; correct: number }) =>
  t.answered ? `${t.correct} of ${t.answered} answer${t.answered === 1 ? "" : "s"}` : "no answers yet";

function Empty({ id, title, caption, children }: { id: string; title: string; caption?: string; children: React.ReactNode }) {
  return (
    <ChartFrame id={id} title={title} caption={caption}>
      <p className="rounded-lg border border-dashed border-slate-300 p-4 text-sm text-muted dark:border-slate-700" data-testid={`empty-${id}`}>
        {children}
      </p>
    </ChartFrame>
  );
}

export function CalibrationChart({ rows }: { rows: Tallied[] }) {
  const id = "calibration";
  const title = "Calibration: accuracy by confidence";
  const caption = "Well calibrated: accuracy rises with confidence. A high bar at 1-2 means you know more than you think; a low one at 4-5, misconceptions.";
  if (rows.every((r) => r.answered === 0)) return <Empty id={id} title={title} caption={caption}>No answers yet.</Empty>;
  return (
    <MeterBarChart
      id={id}
      title={title}
      caption={caption}
      fillClass="fill-violet-500 dark:fill-violet-400"
      rows={rows.map((r) => ({ label: r.label, value: r.accuracy, note: note(r) }))}
    />
  );
}

export function TopicConfidenceTable({ topics }: { topics: TopicConfidence[] }) {
  const id = "topic-confidence";
  const title = "Topics: answers, accuracy, confidence";
  const caption = "Average confidence (1-5) and accuracy at each confidence level, per topic.";
  if (topics.length === 0) return <Empty id={id} title={title} caption={caption}>No answers yet.</Empty>;
  const head = ["Topic", "Answered", "Accuracy", "Avg confidence", "Acc. @1", "@2", "@3", "@4", "@5"];
  const rows = topics.map((t) => [
    t.topic,
    t.answered,
    percent(t.correct / t.answered),
    t.avgConfidence.toFixed(1),
    ...t.byConfidence.map((c) => (c.answered ? `${percent(c.correct / c.answered)} (${c.answered})` : "–")),
  ]);
  return (
    <ChartFrame id={id} title={title} caption={caption}>
      {/* Focusable so a keyboard can scroll it sideways on a narrow screen. */}
      <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={`${title} (scrolls sideways)`}>
        <table className="w-full text-left text-sm" data-testid="topic-confidence-table">
          <caption className="sr-only">{title}</caption>
          <thead className="text-xs uppercase text-muted">
            <tr>
              {head.map((h) => (
                <th key={h} scope="col" className="py-1 pr-3">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={String(r[0])} className="border-t border-slate-100 dark:border-slate-800">
                {r.map((c, j) =>
                  j === 0 ? (
                    <th key={j} scope="row" className="py-1 pr-3 font-medium">
                      {c}
                    </th>
                  ) : (
                    <td key={j} className="py-1 pr-3 tabular-nums">
                      {c}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </ChartFrame>
  );
}

const STATUS_ORDER = ["learning", "reviewing", "mastered", "new"];

export function ScheduleEffectiveness({ rows }: { rows: { status: string; count: number; avgInterval: number; avgEasiness: number }[] }) {
  const id = "sm2-effectiveness";
  const title = "SM-2 effectiveness by status";
  const caption = "Questions in each review status, their average interval (days) and average easiness (EF).";
  if (rows.length === 0) return <Empty id={id} title={title} caption={caption}>No question has a schedule yet: answer one.</Empty>;
  const sorted = [...rows].sort((a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status));
  const maxInterval = Math.max(1, ...sorted.map((r) => r.avgInterval));
  return (
    <ChartFrame
      id={id}
      title={title}
      caption={caption}
      table={{
        head: ["Status", "Questions", "Avg interval (days)", "Avg easiness"],
        rows: sorted.map((r) => [r.status, r.count, r.avgInterval.toFixed(1), r.avgEasiness.toFixed(2)]),
      }}
    >
      <ul className="space-y-3">
        {sorted.map((r, i) => (
          <li key={r.status}>
            <div className="mb-1 flex items-baseline justify-between gap-2 text-sm">
              <span className="font-medium capitalize">{r.status}</span>
              <span className="text-xs text-muted">
                {r.count} question{r.count === 1 ? "" : "s"} · interval {r.avgInterval.toFixed(1)} d · EF {r.avgEasiness.toFixed(2)}
              </span>
            </div>
            <svg role="img" aria-labelledby={`${id}-${i}-t`} viewBox="0 0 100 4" preserveAspectRatio="none" className="block h-3 w-full overflow-hidden rounded">
              <title id={`${id}-${i}-t`}>{`${r.status}: average interval ${r.avgInterval.toFixed(1)} days, easiness ${r.avgEasiness.toFixed(2)}, ${r.count} questions`}</title>
              <rect width="100" height="4" className="fill-slate-100 dark:fill-slate-800" />
              <rect width={(100 * r.avgInterval) / maxInterval} height="4" className="fill-sky-500 dark:fill-sky-400" />
            </svg>
          </li>
        ))}
      </ul>
    </ChartFrame>
  );
}

export function LearningCurve({ rows }: { rows: Tallied[] }) {
  const id = "learning-curve";
  const title = "Learning curve";
  const caption = "Accuracy by attempt number on a question: does the second try beat the first?";
  if (rows.every((r) => r.answered === 0)) return <Empty id={id} title={title} caption={caption}>No answers yet.</Empty>;
  return (
    <MeterBarChart id={id} title={title} caption={caption} fillClass="fill-emerald-500 dark:fill-emerald-400" rows={rows.map((r) => ({ label: `${r.label} attempt`, value: r.accuracy, note: note(r) }))} />
  );
}

export function RetentionChart({ rows }: { rows: Tallied[] }) {
  const id = "retention";
  const title = "Retention by interval";
  const caption = "Share of reviews answered correctly, by days since the previous answer to the question (same-day practice left out).";
  if (rows.every((r) => r.answered === 0))
    return <Empty id={id} title={title} caption={caption}>No reviews yet: questions you answer again on a later day show up here.</Empty>;
  return <MeterBarChart id={id} title={title} caption={caption} fillClass="fill-amber-500 dark:fill-amber-400" rows={rows.map((r) => ({ label: r.label, value: r.accuracy, note: note(r) }))} />;
}
