"use client";
/** The student's collections: create, rename, delete (after a confirm), filter the bank, or study one. */
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { createCollectionAction, deleteCollectionAction, renameCollectionAction } from "@/app/(app)/questions/actions";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { MAX_COLLECTION_NAME } from "@/lib/bank/limits";
import { closeOnEscape } from "@/components/ui/use-return-focus";
import { useAction } from "@/lib/actions/use-action";

export type CollectionItem = { id: string; name: string; questionCount: number };

function CollectionRow({ c, onDeleted }: { c: CollectionItem; onDeleted: (name: string) => void }) {
  const [mode, setMode] = useState<"view" | "rename" | "confirm-delete">("view");
  const rename = useAction(renameCollectionAction);
  const remove = useAction(deleteCollectionAction);
  const pending = rename.pending || remove.pending;
  const error = rename.error ?? remove.error;
  // Back to the button that opened the rename field or the delete confirmation when it closes.
  const renameButton = useRef<HTMLButtonElement>(null);
  const deleteButton = useRef<HTMLButtonElement>(null);
  const lastMode = useRef(mode);
  useEffect(() => {
    if (mode === "view" && lastMode.current !== "view") (lastMode.current === "rename" ? renameButton : deleteButton).current?.focus();
    lastMode.current = mode;
  }, [mode]);
  const close = closeOnEscape(() => setMode("view"));
  return (
    <li className="py-2" data-testid="collection-item">
      {mode === "rename" ? (
        <form
          className="flex gap-2"
          aria-label={`Rename ${c.name}`}
          onKeyDown={close}
          onSubmit={(e) => {
            e.preventDefault();
            const name = String(new FormData(e.currentTarget).get("name") ?? "");
            remove.reset();
            void rename.run({ collectionId: c.id, name }, { onSuccess: () => setMode("view") });
          }}
        >
          <label className="min-w-0 flex-1">
            <span className="sr-only">New name for {c.name}</span>
            <input name="name" defaultValue={c.name} maxLength={MAX_COLLECTION_NAME} className={inputClass} autoFocus />
          </label>
          <Button type="submit" disabled={pending}>Save</Button>
          <Button type="button" variant="ghost" onClick={() => setMode("view")}>Cancel</Button>
        </form>
      ) : (
        <div className="flex flex-wrap items-center gap-2">
          <Link href={`/questions?collection=${c.id}`} className="min-w-[8rem] flex-1 truncate font-medium hover:underline">
            {c.name}
          </Link>
          <span className="text-xs text-muted">{c.questionCount} {c.questionCount === 1 ? "question" : "questions"}</span>
          <Link href={`/review?collection=${c.id}`} className={buttonClass("secondary", undefined, "sm")} aria-label={`Study ${c.name}`}>
            Study
          </Link>
          <Button ref={renameButton} type="button" variant="ghost" size="sm" onClick={() => setMode("rename")} aria-label={`Rename ${c.name}`}>
            Rename
          </Button>
          <Button ref={deleteButton} type="button" variant="ghost" size="sm" onClick={() => setMode("confirm-delete")} aria-label={`Delete ${c.name}`}>
            Delete
          </Button>
        </div>
      )}
      {mode === "confirm-delete" && (
        <div role="alertdialog" aria-label={`Delete ${c.name}?`} onKeyDown={close} className="mt-2 flex flex-wrap items-center gap-2 text-sm">
          <span>Delete “{c.name}”? Its questions stay in your bank.</span>
          <Button
            type="button"
            variant="danger"
            size="sm"
            disabled={pending}
            onClick={() => {
              rename.reset();
              void remove.run({ collectionId: c.id }, { onSuccess: () => onDeleted(c.name) });
            }}
          >
            Yes, delete collection
          </Button>
          <Button type="button" variant="ghost" size="sm" autoFocus onClick={() => setMode("view")}>
            Keep it
          </Button>
        </div>
      )}
      {error && <Alert className="mt-2">{error.message}</Alert>}
    </li>
  );
}

export function CollectionsPanel({ collections }: { collections: CollectionItem[] }) {
  const { run, pending, error } = useAction(createCollectionAction);
  // A deleted collection's row is gone: focus lands on the panel's heading and the deletion is announced.
  const heading = useRef<HTMLHeadingElement>(null);
  const [status, setStatus] = useState("");
  const onDeleted = (name: string) => {
    setStatus(`Deleted the collection “${name}”.`);
    heading.current?.focus();
  };
  return (
    <section aria-labelledby="collections-heading" className="rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <h2 ref={heading} tabIndex={-1} id="collections-heading" className="text-base font-semibold">
        Collections
      </h2>
      <p role="status" className="sr-only" data-testid="collections-status">
        {status}
      </p>
      {collections.length === 0 ? (
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Group questions into decks to study them together.</p>
      ) : (
        <ul className="mt-1 divide-y divide-slate-200 dark:divide-slate-800">
          {collections.map((c) => (
            <CollectionRow key={c.id} c={c} onDeleted={onDeleted} />
          ))}
        </ul>
      )}
      <form
        className="mt-3 flex flex-wrap gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          const form = e.currentTarget;
          const name = String(new FormData(form).get("name") ?? "");
          void run({ name }, { onSuccess: () => form.reset() });
        }}
      >
        <label className="min-w-[10rem] flex-1">
          <span className="sr-only">Collection name</span>
          <input name="name" placeholder="New collection name" maxLength={MAX_COLLECTION_NAME} className={inputClass} required />
        </label>
        <Button type="submit" variant="secondary" disabled={pending}>Create collection</Button>
      </form>
      {error && <Alert className="mt-2">{error.message}</Alert>}
    </section>
  );
}
