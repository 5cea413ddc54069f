"use client";
/** "This question is wrong": a reason is required; enough flags retire the question from sessions. */
import { useState } from "react";
import { flagQuestionAction } from "@/app/(app)/questions/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { closeOnEscape, useReturnFocus } from "@/components/ui/use-return-focus";
import { useAction } from "@/lib/actions/use-action";
import { MAX_FLAG_REASON } from "@/lib/bank/limits";

export function FlagForm({ questionId, timesFlagged }: { questionId: string; timesFlagged: number }) {
  const [open, setOpen] = useState(false);
  const [result, setResult] = useState<{ retired: boolean; timesFlagged: number } | null>(null);
  const { run, pending, error } = useAction(flagQuestionAction);
  const count = result?.timesFlagged ?? timesFlagged;
  const opener = useReturnFocus(open);
  const errorId = `flag-error-${questionId}`;
  return (
    <div className="space-y-2">
      <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="flag-count">
        {count === 0 ? "Not flagged." : `Flagged ${count === 1 ? "once" : `${count} times`}.`}
      </p>
      {!open ? (
        <Button ref={opener} type="button" variant="secondary" onClick={() => { setOpen(true); setResult(null); }}>
          Flag as wrong
        </Button>
      ) : (
        <form
          className="space-y-2"
          aria-label="Flag this question as wrong"
          onKeyDown={closeOnEscape(() => setOpen(false))}
          onSubmit={(e) => {
            e.preventDefault();
            const reason = String(new FormData(e.currentTarget).get("reason") ?? "");
            void run(
              { questionId, reason },
              {
                onSuccess: (d) => {
                  setResult({ retired: d.retired, timesFlagged: d.timesFlagged });
                  setOpen(false);
                },
              },
            );
          }}
        >
          <label className="block space-y-1">
            <span className="text-sm font-medium">What is wrong with this question?</span>
            <textarea
              name="reason"
              rows={3}
              maxLength={MAX_FLAG_REASON}
              required
              autoFocus
              className={inputClass}
              placeholder="e.g. Option C is also correct because…"
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? errorId : undefined}
            />
          </label>
          <div className="flex gap-2">
            <Button type="submit" disabled={pending}>{pending ? "Sending…" : "Submit flag"}</Button>
            <Button type="button" variant="ghost" onClick={() => setOpen(false)}>Cancel</Button>
          </div>
        </form>
      )}
      {error && <Alert id={errorId}>{error.message}</Alert>}
      {result && (
        <Alert tone={result.retired ? "warning" : "success"}>
          {result.retired
            ? "Flag recorded. This question is now retired: it will not come up in review sessions."
            : "Flag recorded. Thank you; enough flags retire a question from review sessions."}
        </Alert>
      )}
    </div>
  );
}
