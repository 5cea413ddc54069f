"use client";
/**
 * The Generate page's run view, loaded once a run starts (or the page follows a job): each topic's
 * messages, what it retrieved and dropped, its cards, and the summary at the end. The page itself
 * opens with the form and the progress line only (`npm run bench:bundle`).
 */
import dynamic from "next/dynamic";
import Link from "next/link";
import { Suspense } from "react";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import type { GenerationState, RunState } from "./use-generation";
import { withWait } from "./with-wait";

// The cards and the drop lines (with the answer card inside) load with the first of them.
const QuestionCard = dynamic(() => import("./question-card").then((m) => m.QuestionCard), {
  loading: () => <p className="text-sm">Loading…</p>,
});
const DropList = dynamic(() => import("./drop-list").then((m) => m.DropList));

const STATUS_TEXT: Record<string, string> = {
  waiting: "waiting to start",
  running: "writing…",
  complete: "complete",
  failed: "failed",
  cancelled: "cancelled",
};

function runStatus(run: RunState): string {
  if (run.reconnecting) return "reconnecting…";
  if (run.phase !== "finished") return STATUS_TEXT[run.phase]!;
  if (run.cancelled) return "cancelled";
  return run.done ? STATUS_TEXT[run.done.status]! : "stopped";
}

/** A topic's notice and errors, read out with the progress. */
export function RunMessages({ run, batch }: { run: RunState; batch: boolean }) {
  const about = batch ? `${run.topic}: ` : "";
  return (
    <>
      {run.notice && <Alert tone="warning">{about + run.notice}</Alert>}
      {run.restarted && run.phase !== "finished" && (
        <Alert tone="info" data-testid="generation-restarted">
          {about + run.restarted}
        </Alert>
      )}
      {run.reconnecting && (
        <p data-testid="generation-reconnecting" className="text-slate-600 dark:text-slate-400">
          {about}Connection lost; reconnecting… The generation goes on on the server.
        </p>
      )}
      {run.error && <Alert data-testid="generation-error">{about + withWait(run.error)}</Alert>}
    </>
  );
}

/** What a topic's run retrieved and what the checks dropped (out of the live region: it can be long). */
export function RunDetails({ run, batch }: { run: RunState; batch: boolean }) {
  return (
    <>
      {/* A boundary of its own: the lazy list must never suspend the section that holds focus. */}
      {run.drops.length > 0 && (
        <Suspense fallback={null}>
          <DropList drops={run.drops} topic={batch ? run.topic : undefined} />
        </Suspense>
      )}
      {run.passages.length > 0 && (
        <details>
          <summary className="cursor-pointer text-slate-600 dark:text-slate-400">
            {run.passages.length} passages retrieved{batch ? ` on ${run.topic}` : ""}
          </summary>
          <ul className="mt-2 space-y-2" data-testid="retrieved-passages">
            {run.passages.map((p) => (
              <li key={p.chunkId}>
                <span className="font-medium">{p.source}</span>
                {p.heading ? ` · ${p.heading}` : ""}
                {p.distance != null ? ` · distance ${p.distance.toFixed(2)}` : ""}
                <p className="text-xs text-muted">{p.excerpt}…</p>
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}

/** One topic's cards, under its heading. */
export function RunSection({
  run,
  today,
  onDecide,
  onShowAnswer,
}: {
  run: RunState;
  today: string;
  onDecide: (cardId: string, decision: "accepted" | "discarded", questionId?: string) => void;
  onShowAnswer: (cardId: string, how: "answered" | "revealed") => void;
}) {
  const headingId = `run-${run.jobId}`;
  return (
    <section aria-labelledby={headingId} data-testid="generation-run" data-job-id={run.jobId} data-phase={run.phase} className="space-y-4">
      <div className="flex flex-wrap items-baseline gap-x-3">
        <h2 id={headingId} className="text-base font-semibold">
          {run.topic}
        </h2>
        <p data-testid="generation-run-progress" className="text-sm text-slate-600 dark:text-slate-400">
          {run.accepted} of {run.requested} · {runStatus(run)}
        </p>
      </div>
      <Suspense fallback={null}>
        {run.cards.map((c, i) => (
          <QuestionCard
            key={c.id}
            card={c}
            jobId={run.jobId}
            number={i + 1}
            groupLabelId={headingId}
            preview={run.preview}
            difficulty={run.difficulty}
            today={today}
            onDecide={onDecide}
            onShowAnswer={onShowAnswer}
          />
        ))}
      </Suspense>
    </section>
  );
}

export function Summary({ state }: { state: GenerationState }) {
  const preview = state.runs[0]?.preview ?? false;
  let saved = 0;
  let answered = 0;
  for (const run of state.runs) {
    const complete = run.cards.filter((c) => c.state === "complete");
    saved += preview ? complete.filter((c) => c.decision === "accepted").length : (run.done?.saved ?? complete.length);
    answered += complete.filter((c) => c.view === "answered").length;
  }
  const cancelled = state.runs.some((r) => r.cancelled);
  return (
    <div data-testid="generation-summary" className="flex flex-wrap items-center gap-3">
      <span>
        {cancelled ? "Cancelled. " : ""}
        {preview ? `Preview: accept the cards you want to keep. ${saved} saved.` : `${saved} question${saved === 1 ? "" : "s"} saved to your bank.`}
        {answered > 0 && ` ${answered} answered here.`}
      </span>
      {saved > 0 && (
        <Link href="/questions" className={buttonClass("secondary")}>
          Open the question bank
        </Link>
      )}
      {!preview && saved > answered && (
        <Link href="/review?mode=new" className={buttonClass("secondary")}>
          Study the new questions
        </Link>
      )}
    </div>
  );
}
