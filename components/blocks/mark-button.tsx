"use client";
/** "Mark" a question: a personal reminder to look at it again (unlike "report as wrong"). */
import { useState } from "react";
import { markQuestionAction } from "@/app/(app)/blocks/actions";
import { buttonClass } from "@/components/ui/button";
import { useAction } from "@/lib/actions/use-action";

export function MarkButton({ questionId, initial, onChange }: { questionId: string; initial: boolean; onChange?: (marked: boolean) => void }) {
  const [marked, setMarked] = useState(initial);
  const { run, pending, error } = useAction(markQuestionAction);
  function toggle() {
    if (pending) return;
    const next = !marked;
    setMarked(next); // at once; put back if the save fails
    void run({ questionId, marked: next }, { onSuccess: () => onChange?.(next), onError: () => setMarked(!next) });
  }
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        aria-pressed={marked}
        aria-busy={pending}
        onClick={toggle}
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
