"use client";
/** Deletes a question after an explicit confirm, then returns to the bank. */
import { useRouter } from "next/navigation";
import { useState } from "react";
import { deleteQuestionAction } from "@/app/(app)/questions/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { closeOnEscape, useReturnFocus } from "@/components/ui/use-return-focus";
import { useAction } from "@/lib/actions/use-action";

export function DeleteQuestion({ questionId, attempts }: { questionId: string; attempts: number }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const { run, pending, error } = useAction(deleteQuestionAction);
  const opener = useReturnFocus(confirming);
  if (!confirming)
    return (
      <Button ref={opener} type="button" variant="ghost" className="text-red-700 dark:text-red-300" onClick={() => setConfirming(true)}>
        Delete question
      </Button>
    );
  return (
    <div
      role="alertdialog"
      aria-labelledby="delete-q-title"
      onKeyDown={closeOnEscape(() => setConfirming(false))}
      className="space-y-2 rounded-lg border border-red-200 p-3 dark:border-red-900">
      <p id="delete-q-title" className="text-sm">
        Delete this question{attempts > 0 ? ` and your ${attempts === 1 ? "answer" : `${attempts} answers`} to it` : ""}? This cannot be undone.
      </p>
      <div className="flex gap-2">
        <Button type="button" variant="danger" disabled={pending} onClick={() => void run({ questionId }, { onSuccess: () => router.push("/questions") })}>
          {pending ? "Deleting…" : "Yes, delete"}
        </Button>
        {/* Focus starts on the safe choice. */}
        <Button type="button" variant="ghost" autoFocus onClick={() => setConfirming(false)}>
          Cancel
        </Button>
      </div>
      {error && <Alert>{error.message}</Alert>}
    </div>
  );
}
