/**
 * The student's last generations: what was asked, how it ended, what was saved and dropped. A job
 * still waiting or running can be watched (its cards so far, then live), here or on another device.
 */
import Link from "next/link";
import type { GenerationJob } from "@/lib/ai/types";

type Job = GenerationJob;

const STATUS: Record<Job["status"], string> = {
  pending: "waiting",
  running: "running",
  complete: "complete",
  failed: "failed",
  cancelled: "cancelled",
};

export function RecentJobs({ jobs }: { jobs: Job[] }) {
  if (jobs.length === 0) return null;
  return (
    <section className="mt-8" aria-labelledby="recent-generations">
      <h2 id="recent-generations" className="mb-2 text-sm font-semibold">
        Recent generations
      </h2>
      <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white text-sm dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
        {jobs.map((j) => {
          const topic = typeof j.request.topic === "string" ? j.request.topic : "";
          return (
            <li key={j.id} className="px-4 py-3" data-testid="generation-job" data-status={j.status}>
              <p>
                <span className="font-medium">{topic}</span> · {STATUS[j.status]} · {j.savedCount} of {j.requestedCount} saved
                {j.droppedCount > 0 && ` · ${j.droppedCount} dropped`}
                {j.request.preview === true && " · preview"}
                <span className="text-muted"> · {j.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC</span>
                {(j.status === "pending" || j.status === "running") && (
                  <>
                    {" · "}
                    <Link href={`/generate?jobs=${j.id}`} className="font-medium text-link underline underline-offset-2" aria-label={`Watch ${topic || "this generation"}`}>
                      Watch
                    </Link>
                  </>
                )}
              </p>
              {j.error && <p className="text-slate-600 dark:text-slate-400">{j.error}</p>}
              {j.drops.length > 0 && (
                <p className="text-xs text-muted">Dropped: {[...new Set(j.drops.map((d) => d.reason.replace(/_/g, " ")))].join(", ")}</p>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
