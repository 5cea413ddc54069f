"use client";
/** A question's collections: tick to add or remove, or create a new one with the question in it. */
import Link from "next/link";
import { useState } from "react";
import { createCollectionAction, setMembershipAction } from "@/app/(app)/questions/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { useAction } from "@/lib/actions/use-action";
import { MAX_COLLECTION_NAME } from "@/lib/bank/limits";

export function CollectionPicker({
  questionId,
  collections,
  memberOf,
}: {
  questionId: string;
  collections: { id: string; name: string }[];
  memberOf: string[];
}) {
  const [members, setMembers] = useState(() => new Set(memberOf));
  const membership = useAction(setMembershipAction);
  const create = useAction(createCollectionAction);
  const pending = membership.pending || create.pending;
  const error = membership.error ?? create.error;
  // Ticks apply at once on screen; the status line says when the server has them, so nobody leaves
  // the page thinking a change is saved while it is still on its way.
  const [saved, setSaved] = useState<string | null>(null);
  const toggle = (collectionId: string, member: boolean) => {
    const before = new Set(members);
    const next = new Set(members);
    if (member) next.add(collectionId);
    else next.delete(collectionId);
    setMembers(next); // optimistic; put back if the server refuses
    setSaved(null);
    const name = collections.find((c) => c.id === collectionId)?.name ?? "the collection";
    create.reset();
    void membership.run(
      { collectionId, questionId, member },
      { onSuccess: () => setSaved(member ? `Added to ${name}.` : `Removed from ${name}.`), onError: () => setMembers(before) },
    );
  };
  return (
    <div className="space-y-3">
      {collections.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">You have no collections yet.</p>
      ) : (
        <fieldset>
          <legend className="sr-only">Collections this question is in</legend>
          <ul className="space-y-1">
            {collections.map((c) => (
              <li key={c.id} className="flex items-center justify-between gap-2">
                <label className="flex items-center gap-2 text-sm">
                  <input type="checkbox" checked={members.has(c.id)} onChange={(e) => toggle(c.id, e.currentTarget.checked)} className="size-4" />
                  {c.name}
                </label>
                <Link href={`/review?collection=${c.id}`} className="text-xs text-link hover:underline" aria-label={`Study ${c.name}`}>
                  Study
                </Link>
              </li>
            ))}
          </ul>
        </fieldset>
      )}
      <form
        className="flex flex-wrap gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          const form = e.currentTarget;
          const name = String(new FormData(form).get("name") ?? "");
          membership.reset();
          void create.run(
            { name, questionId },
            {
              onSuccess: (c) => {
                setMembers((m) => new Set(m).add(c.id));
                form.reset();
              },
            },
          );
        }}
      >
        <label className="min-w-[10rem] flex-1">
          <span className="sr-only">New collection name</span>
          <input name="name" placeholder="New collection" maxLength={MAX_COLLECTION_NAME} className={inputClass} required />
        </label>
        <Button type="submit" variant="secondary" disabled={pending}>Create and add</Button>
      </form>
      <p role="status" className="text-xs text-slate-600 dark:text-slate-400">
        {pending ? "Saving…" : saved}
      </p>
      {error && <Alert>{error.message}</Alert>}
    </div>
  );
}
