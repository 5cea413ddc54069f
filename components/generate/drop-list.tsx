/** The candidates the checks turned away in this run: one line each, under the progress line. */
import { dropLine } from "./drop-line";
import type { DroppedCandidate } from "./use-generation";

export function DropList({ drops }: { drops: DroppedCandidate[] }) {
  if (drops.length === 0) return null;
  return (
    <div className="text-sm">
      <h2 id="dropped-candidates" className="font-medium text-slate-700 dark:text-slate-300">
        Dropped by the quality checks ({drops.length})
      </h2>
      <ul aria-labelledby="dropped-candidates" data-testid="dropped-candidates" className="mt-1 space-y-0.5 text-slate-600 dark:text-slate-400">
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
