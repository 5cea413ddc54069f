"use client";
/** Edits a question's tags as one comma-separated field; the server normalises and validates. */
import { useState } from "react";
import { updateTagsAction } from "@/app/(app)/questions/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { useAction } from "@/lib/actions/use-action";
import { MAX_TAG_LENGTH, MAX_TAGS } from "@/lib/bank/limits";
import { TagChips } from "./badges";

export function TagEditor({ questionId, tags }: { questionId: string; tags: string[] }) {
  const [saved, setSaved] = useState(tags);
  const [done, setDone] = useState(false);
  const { run, pending, error } = useAction(updateTagsAction);
  return (
    <form
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        const text = String(new FormData(e.currentTarget).get("tags") ?? "");
        setDone(false);
        void run(
          { questionId, tags: text },
          {
            onSuccess: (d) => {
              setSaved(d.tags);
              setDone(true);
            },
          },
        );
      }}
    >
      <div data-testid="saved-tags">
        {saved.length ? <TagChips tags={saved} /> : <p className="text-sm text-slate-600 dark:text-slate-400">No tags yet.</p>}
      </div>
      <label className="block space-y-1">
        <span className="text-sm font-medium">Tags</span>
        <input
          name="tags"
          key={saved.join(",")}
          defaultValue={saved.join(", ")}
          placeholder="e.g. cardio, ecg, high-yield"
          className={inputClass}
          aria-describedby="tags-hint"
        />
      </label>
      <p id="tags-hint" className="text-xs text-muted">
        Separate with commas. Up to {MAX_TAGS} tags of {MAX_TAG_LENGTH} characters; saved in lower case.
      </p>
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Saving…" : "Save tags"}
      </Button>
      {error && <Alert>{error.message}</Alert>}
      {done && !error && <Alert tone="success">Tags saved.</Alert>}
    </form>
  );
}
