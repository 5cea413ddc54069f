/** The candidates the checks turned away in one topic's run: one line each, under the progress line. */
import { useId } from "react";
import { dropLine } from "./drop-line";
import type { DroppedCandidate } from "./use-generation";

export function DropList({ drops, topic }: { drops: DroppedCandidate[]; topic?: string }) {
  const headingId = useId();
  if (drops.length === 0) return null;
  return (
    <div className="text-sm">
      <h2 id={headingId} className="font-medium text-slate-700 dark:text-slate-300">
        Dropped by the quality checks{topic ? ` on ${topic}` : ""} ({drops.length})
      </h2>
      <ul aria-labelledby={headingId} data-testid="dropped-candidates" className="mt-1 space-y-0.5 text-slate-600 dark:text-slate-400">
        {drops.map((d, i) => {
          const line = dropLine(d);
          return (
            <li key={`${d.cardId}-${i}`} data-testid="dropped-candidate" data-reason={d.reason} className="break-words">
              <span className="font-medium text-amber-800 dark:text-amber-300">Dropped</span>
              {" · "}
              {line.gate && <>{line.gate}: </>}
              {line.message}
              {line.detail && <span className="text-muted"> ({line.detail}).</span>}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
