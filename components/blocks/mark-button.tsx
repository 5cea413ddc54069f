"use client";
/** "Mark" a question: a personal reminder to look at it again (unlike "report as wrong"). */
import { useState } from "react";
import { markQuestionAction } from "@/app/(app)/blocks/actions";
import { buttonClass } from "@/components/ui/button";

export function MarkButton({ questionId, initial, onChange }: { questionId: string; initial: boolean; onChange?: (marked: boolean) => void }) {
  const [marked, setMarked] = useState(initial);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState(false);
  async function toggle() {
    if (pending) return;
    const next = !marked;
    setPending(true);
    setMarked(next);
    const res = await markQuestionAction({ questionId, marked: next }).catch(() => null);
    setPending(false);
    if (!res?.ok) {
      setMarked(!next);
      setError(true);
      return;
    }
    setError(false);
    onChange?.(next);
  }
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        aria-pressed={marked}
        aria-busy={pending}
        onClick={() => void toggle()}
        className={buttonClass("secondary", marked ? "border-amber-400 bg-amber-50 dark:bg-amber-900/30" : undefined, "sm")}
        data-testid="mark-button"
      >
        {marked ? "★ Marked" : "☆ Mark"}
      </button>
      {error && (
        <span role="alert" className="text-xs text-red-600">
          Could not save the mark.
        </span>
      )}
    </span>
  );
}
