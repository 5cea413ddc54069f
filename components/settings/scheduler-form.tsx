"use client";
/** The scheduler settings form: SM-2 or FSRS-6, desired retention, maximum interval; fit FSRS parameters. */
import { useState } from "react";
import { fitFsrsParametersAction, resetFsrsParametersAction, saveSchedulerSettingsAction } from "@/app/(app)/settings/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { useAction } from "@/lib/actions/use-action";

type Settings = { scheduler: "sm2" | "fsrs"; desiredRetention: number; maximumInterval: number };

/** What the last call of an action says: its error, or `done` once it has succeeded. */
function outcome(a: { error: { message: string } | null; data: unknown }, done: string) {
  if (a.error) return { ok: false, message: a.error.message };
  return a.data === undefined ? undefined : { ok: true, message: done };
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
  const save = useAction(saveSchedulerSettingsAction);
  const fit = useAction(fitFsrsParametersAction);
  const reset = useAction(resetFsrsParametersAction);
  const state = outcome(save, "Saved. Your review dates were recomputed from your answers.");
  const fields = save.error?.fields;

  return (
    <div className="space-y-6">
      <form action={save.formAction} className="space-y-4" data-testid="scheduler-form">
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
          <Field label="Desired retention (FSRS)" hint="0.70-0.97; higher means more reviews." error={fields?.desiredRetention}>
            <Input name="desiredRetention" type="number" step="0.01" min="0.7" max="0.97" defaultValue={settings.desiredRetention} />
          </Field>
          <Field label="Maximum interval, days (FSRS)" hint="1-36500." error={fields?.maximumInterval}>
            <Input name="maximumInterval" type="number" step="1" min="1" max="36500" defaultValue={settings.maximumInterval} />
          </Field>
        </div>
        <p className="text-xs text-muted">
          Saving replays every answer you have given, question by question, through the chosen scheduler, so your review dates
          change at once. Switching back to SM-2 restores exactly the SM-2 schedule your answers imply.
        </p>
        <Button type="submit" disabled={save.pending}>
          {save.pending ? "Saving…" : "Save settings"}
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
          <form action={fit.formAction}>
            <Button type="submit" variant="secondary" disabled={fit.pending || reviews < minReviewsToFit}>
              {fit.pending ? "Fitting…" : "Fit to my reviews"}
            </Button>
          </form>
          {fittedOn !== null && (
            <form action={reset.formAction}>
              <Button type="submit" variant="ghost" disabled={reset.pending}>
                Use defaults
              </Button>
            </form>
          )}
        </div>
        {[outcome(fit, "Fitted FSRS to your reviews; your review dates were recomputed."), outcome(reset, "Back to FSRS's default parameters.")].map(
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
