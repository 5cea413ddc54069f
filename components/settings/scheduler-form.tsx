"use client";
/** The scheduler settings form: SM-2 or FSRS-6, desired retention, maximum interval; fit FSRS parameters. */
import { useActionState, useState } from "react";
import { fitFsrsParametersAction, resetFsrsParametersAction, saveSchedulerSettingsAction } from "@/app/(app)/settings/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import type { Result } from "@/lib/errors";

type Settings = { scheduler: "sm2" | "fsrs"; desiredRetention: number; maximumInterval: number };
type State = { message: string; ok: boolean; fields?: Record<string, string> } | undefined;

function stateOf(r: Result<unknown>, done: string): State {
  if (r.ok) return { ok: true, message: done };
  return { ok: false, message: r.error.message, fields: (r.error as { fields?: Record<string, string> }).fields };
}

export function SchedulerForm({
  settings,
  reviews,
  minReviewsToFit,
  fittedOn,
}: {
  settings: Settings;
  reviews: number;
  minReviewsToFit: number;
  fittedOn: number | null;
}) {
  const [scheduler, setScheduler] = useState(settings.scheduler);
  const [state, save, saving] = useActionState<State, FormData>(
    async (_prev, fd) =>
      stateOf(await saveSchedulerSettingsAction(fd), "Saved. Your review dates were recomputed from your answers."),
    undefined,
  );
  const [fitState, fit, fitting] = useActionState<State, FormData>(
    async () => stateOf(await fitFsrsParametersAction({}), "Fitted FSRS to your reviews; your review dates were recomputed."),
    undefined,
  );
  const [resetState, reset, resetting] = useActionState<State, FormData>(
    async () => stateOf(await resetFsrsParametersAction({}), "Back to FSRS's default parameters."),
    undefined,
  );

  return (
    <div className="space-y-6">
      <form action={save} className="space-y-4" data-testid="scheduler-form">
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium">Scheduler</legend>
          <label className="flex items-start gap-2 text-sm">
            <input type="radio" name="scheduler" value="sm2" checked={scheduler === "sm2"} onChange={() => setScheduler("sm2")} />
            <span>
              <strong>SM-2</strong> (default): the classic SuperMemo rule, intervals grow by each question&apos;s ease.
            </span>
          </label>
          <label className="flex items-start gap-2 text-sm">
            <input type="radio" name="scheduler" value="fsrs" checked={scheduler === "fsrs"} onChange={() => setScheduler("fsrs")} />
            <span>
              <strong>FSRS-6</strong>: models your memory of each question and schedules it when recall is predicted to fall to
              your desired retention (what Anki uses).
            </span>
          </label>
        </fieldset>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Desired retention (FSRS)" hint="0.70-0.97; higher means more reviews." error={state?.fields?.desiredRetention}>
            <Input name="desiredRetention" type="number" step="0.01" min="0.7" max="0.97" defaultValue={settings.desiredRetention} />
          </Field>
          <Field label="Maximum interval, days (FSRS)" hint="1-36500." error={state?.fields?.maximumInterval}>
            <Input name="maximumInterval" type="number" step="1" min="1" max="36500" defaultValue={settings.maximumInterval} />
          </Field>
        </div>
        <p className="text-xs text-muted">
          Saving replays every answer you have given, question by question, through the chosen scheduler, so your review dates
          change at once. Switching back to SM-2 restores exactly the SM-2 schedule your answers imply.
        </p>
        <Button type="submit" disabled={saving}>
          {saving ? "Saving…" : "Save settings"}
        </Button>
        {state && (
          <Alert tone={state.ok ? "success" : "error"} data-testid="settings-status">
            {state.message}
          </Alert>
        )}
      </form>

      <section className="space-y-2 border-t border-slate-200 pt-4 dark:border-slate-800" aria-labelledby="fit-heading">
        <h2 id="fit-heading" className="text-sm font-medium">
          Your own FSRS parameters
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          {fittedOn
            ? `FSRS uses parameters fitted to your ${fittedOn} reviews.`
            : "FSRS uses its default parameters (fitted on millions of Anki reviews)."}{" "}
          Fitting needs at least {minReviewsToFit} reviews; you have about {reviews}.
        </p>
        <div className="flex flex-wrap gap-2">
          <form action={fit}>
            <Button type="submit" variant="secondary" disabled={fitting || reviews < minReviewsToFit}>
              {fitting ? "Fitting…" : "Fit to my reviews"}
            </Button>
          </form>
          {fittedOn !== null && (
            <form action={reset}>
              <Button type="submit" variant="ghost" disabled={resetting}>
                Use defaults
              </Button>
            </form>
          )}
        </div>
        {[fitState, resetState].map(
          (s, i) =>
            s && (
              <Alert key={i} tone={s.ok ? "success" : "error"}>
                {s.message}
              </Alert>
            ),
        )}
      </section>
    </div>
  );
}
