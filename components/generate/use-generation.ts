"use client";
/**
 * Client side of generation. Generate calls the startGeneration action, which creates one job per
 * topic and returns at once; the page then follows each job's stream (./follow-job.ts) and folds
 * its events into that job's cards (./run-state.ts). The jobs run on the server whatever the page
 * does: Cancel asks the server to stop them (cancelGeneration), and closing the tab stops nothing.
 * The job ids go in the URL (`/generate?jobs=…`), so a reload, or the same URL on another device,
 * follows them again.
 */
import { useCallback, useEffect, useReducer, useRef } from "react";
import { cancelGeneration, startGeneration } from "@/app/(app)/generate/actions";
import { useAction } from "@/lib/actions/use-action";
import type { StartGenerationInput } from "@/lib/ai/request";
import type { WatchedJob } from "@/lib/ai/types";
import { generationPhase, generationReducer, initialGeneration } from "./run-state";

export type { Card, DroppedCandidate, GenerationState, KeyView, RunAction, RunState } from "./run-state";
export { totals } from "./run-state";

const TERMINAL: ReadonlySet<WatchedJob["status"]> = new Set(["complete", "failed", "cancelled"]);

/** Puts the followed job ids in the address (no navigation, no scroll), so a reload follows them again. */
function showJobsInUrl(ids: string[]) {
  const url = new URL(window.location.href);
  url.searchParams.delete("topic");
  url.searchParams.delete("jobs");
  const rest = url.searchParams.toString();
  // Ids are uuids: the commas need no escaping, and the address stays readable.
  window.history.replaceState(null, "", `${url.pathname}?jobs=${ids.join(",")}${rest ? `&${rest}` : ""}`);
}

/**
 * The Generate page's runs. `initialJobs`: jobs to follow from the start (the page's `?jobs=`);
 * when that list changes (a Watch link), the page follows the new ones instead.
 */
export function useGeneration(initialJobs: WatchedJob[] = []) {
  const [state, dispatch] = useReducer(generationReducer, initialJobs, (jobs) => generationReducer(initialGeneration, { type: "watch", jobs }));
  const starter = useAction(startGeneration);
  const canceller = useAction(cancelGeneration);
  /** The streams being read, by job id. */
  const streams = useRef(new Map<string, AbortController>());
  /** The job ids the page follows now (compared with `initialJobs` when the page's props change). */
  const following = useRef("");

  const stopAll = useCallback(() => {
    for (const c of streams.current.values()) c.abort();
    streams.current.clear();
  }, []);

  const follow = useCallback(
    (jobs: WatchedJob[]) => {
      stopAll();
      following.current = jobs.map((j) => j.jobId).join(",");
      const controllers = jobs.map((j) => {
        const c = new AbortController();
        streams.current.set(j.jobId, c);
        return c;
      });
      if (jobs.length === 0) return;
      void import("./follow-job").then(({ followJob }) => {
        jobs.forEach((job, i) => {
          const signal = controllers[i]!.signal;
          if (signal.aborted) return;
          void followJob(job.jobId, signal, (action) => dispatch({ type: "job", jobId: job.jobId, action }), { ended: TERMINAL.has(job.status) }).finally(() => {
            if (streams.current.get(job.jobId)?.signal === signal) streams.current.delete(job.jobId);
          });
        });
      });
    },
    [stopAll],
  );

  // Follow the jobs the page was opened with, and others when its address changes to them (a
  // Watch link). A refresh that brings the same jobs changes nothing.
  const initialIds = initialJobs.map((j) => j.jobId).join(",");
  const initial = useRef(initialJobs);
  useEffect(() => {
    initial.current = initialJobs;
  });
  useEffect(() => {
    if (initialIds === following.current) return;
    dispatch({ type: "watch", jobs: initial.current });
    follow(initial.current);
  }, [initialIds, follow]);
  useEffect(() => {
    // Fetch the stream reader while the student fills in the form: a run's first events are not kept waiting for it.
    void import("./follow-job");
    return () => {
      stopAll();
      following.current = "";
    };
  }, [stopAll]);

  const start = useCallback(
    async (input: StartGenerationInput) => {
      // The jobs on screen stop being followed (they go on on the server). `following` keeps their
      // ids until the new ones are known, so a refresh meanwhile does not bring them back.
      stopAll();
      dispatch({ type: "begin" });
      const r = await starter.run(input);
      if (!r.ok) return dispatch({ type: "refused", error: r.error });
      dispatch({ type: "watch", jobs: r.data.jobs });
      showJobsInUrl(r.data.jobs.map((j) => j.jobId));
      follow(r.data.jobs);
    },
    [starter, stopAll, follow],
  );

  const runs = state.runs;
  const cancel = useCallback(async () => {
    const running = runs.filter((r) => r.phase !== "finished");
    if (running.length === 0) return;
    dispatch({ type: "cancelling" });
    const results = await Promise.all(running.map((r) => canceller.run({ jobId: r.jobId })));
    // A job that ended meanwhile cannot be cancelled, and need not be: its "done" is on its way.
    const failed = results.find((x) => !x.ok && x.error.code !== "not_found" && x.error.code !== "conflict");
    if (failed && !failed.ok) dispatch({ type: "cancel-failed", message: failed.error.message });
  }, [runs, canceller]);

  const decide = useCallback(
    (jobId: string, cardId: string, decision: "accepted" | "discarded", questionId?: string) =>
      dispatch({ type: "job", jobId, action: { type: "decide", cardId, decision, questionId } }),
    [],
  );
  const showAnswer = useCallback(
    (jobId: string, cardId: string, how: "answered" | "revealed") => dispatch({ type: "job", jobId, action: { type: how, cardId } }),
    [],
  );
  return { state, phase: generationPhase(state), start, cancel, decide, showAnswer };
}
