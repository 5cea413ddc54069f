/** "How well does your scheduler predict you?": log loss and RMSE(bins) of each scheduler on the student's own reviews. */
import { Card } from "@/components/ui/card";
import type { SchedulerReport } from "@/lib/srs/types";

const fmt = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : "–");

export function SchedulerFit({ report, scheduler }: { report: SchedulerReport; scheduler: "sm2" | "fsrs" }) {
  const rows = [
    { key: "sm2", label: "SM-2", fit: report.sm2, note: "recall read as 0.9^(days / interval)" },
    { key: "fsrs", label: "FSRS-6, default parameters", fit: report.fsrs, note: "each prediction from earlier answers only" },
    ...(report.fsrsFitted
      ? [{ key: "fsrs-fitted", label: "FSRS-6, your fitted parameters", fit: report.fsrsFitted, note: `in-sample: fitted on ${report.fittedOn} reviews` }]
      : []),
  ];
  return (
    <Card className="lg:col-span-2" data-testid="scheduler-fit">
      <h2 className="text-base font-semibold">How well does your scheduler predict you?</h2>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
        Each review after a question&apos;s first, in time order, predicted by each scheduler from your answers before it and
        scored against whether you got it right. Lower is better for both measures.{" "}
        <span data-testid="scheduler-fit-count">
          Based on {report.reviews.toLocaleString("en-US")} review{report.reviews === 1 ? "" : "s"}
        </span>
        {report.reviews < 100 && " — too few to tell the schedulers apart with confidence"}.
      </p>
      {report.reviews > 0 && (
        <table className="mt-3 w-full text-left text-sm">
          <thead className="text-xs text-muted">
            <tr>
              <th className="py-1 pr-3 font-medium">Scheduler</th>
              <th className="py-1 pr-3 font-medium">Log loss</th>
              <th className="py-1 pr-3 font-medium">RMSE (bins)</th>
              <th className="py-1 pr-3 font-medium">Note</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} data-testid={`scheduler-fit-${r.key}`}>
                <td className="py-1 pr-3">
                  {r.label}
                  {r.key.startsWith(scheduler) && r.key !== "fsrs-fitted" && <span className="ml-1 text-xs text-muted">(yours)</span>}
                </td>
                <td className="py-1 pr-3 tabular-nums">{fmt(r.fit.logLoss)}</td>
                <td className="py-1 pr-3 tabular-nums">{fmt(r.fit.rmseBins)}</td>
                <td className="py-1 pr-3 text-xs text-muted">{r.note}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="mt-2 text-xs text-muted">
        For scale, on the open srs-benchmark (about 10,000 Anki collections) SM-2 scores log loss 0.547 and FSRS-6 0.321. RMSE
        here bins by predicted probability (20 bins), a simpler binning than that benchmark&apos;s.
      </p>
    </Card>
  );
}
