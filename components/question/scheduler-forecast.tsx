/** Both schedulers side by side: predicted recall and the interval each chooses; the student's is marked. */
import type { SchedulerName } from "@/lib/srs/types";
import { cn } from "@/lib/utils";

const NAMES: Record<SchedulerName, string> = { sm2: "SM-2", fsrs: "FSRS-6" };

export const recallText = (p: number | null) => (p === null ? "–" : `${Math.round(p * 100)}%`);
export const daysText = (d: number) => (d === 1 ? "1 day" : `${d.toLocaleString("en-US")} days`);

export function SchedulerForecast({
  scheduler,
  recallLabel,
  recall,
  columns,
  testId,
}: {
  scheduler: SchedulerName;
  recallLabel: string;
  recall: { sm2: number | null; fsrs: number | null };
  /** Interval columns, e.g. "Interval chosen" or "If right" / "If wrong". */
  columns: { label: string; days: { sm2: number; fsrs: number } }[];
  testId: string;
}) {
  return (
    <table className="w-full text-left text-sm" data-testid={testId}>
      <thead className="text-xs text-muted">
        <tr>
          <th className="py-1 pr-3 font-medium">Scheduler</th>
          <th className="py-1 pr-3 font-medium">{recallLabel}</th>
          {columns.map((c) => (
            <th key={c.label} className="py-1 pr-3 font-medium">
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {(["sm2", "fsrs"] as const).map((s) => (
          <tr key={s} data-testid={`${testId}-${s}`} className={cn(s === scheduler && "font-semibold")}>
            <td className="py-1 pr-3">
              {NAMES[s]}
              {s === scheduler && <span className="ml-1 text-xs font-normal text-muted">(yours)</span>}
            </td>
            <td className="py-1 pr-3" data-testid={`${testId}-${s}-recall`}>
              {recallText(recall[s])}
            </td>
            {columns.map((c) => (
              <td key={c.label} className="py-1 pr-3">
                {daysText(c.days[s])}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
