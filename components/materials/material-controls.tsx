"use client";
/** Rename, archive or restore, delete (archives instead when questions cite it), re-index. */
import { useRouter } from "next/navigation";
import { useState } from "react";
import {
  archiveMaterialAction,
  deleteMaterialAction,
  reindexMaterialAction,
  renameMaterialAction,
} from "@/app/(app)/materials/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { useAction } from "@/lib/actions/use-action";
import type { AppErrorShape } from "@/lib/errors";
import type { MaterialSummary } from "@/lib/rag/types";

type Message = { tone: "error" | "success" | "info"; text: string };

export function MaterialControls({ material }: { material: MaterialSummary }) {
  const router = useRouter();
  const [title, setTitle] = useState(material.title);
  const [message, setMessage] = useState<Message | null>(null);
  const rename = useAction(renameMaterialAction);
  const archive = useAction(archiveMaterialAction);
  const reindex = useAction(reindexMaterialAction);
  const remove = useAction(deleteMaterialAction);
  const pending = rename.pending || archive.pending || reindex.pending || remove.pending;
  const busy = ["stored", "extracting", "chunking", "embedding"].includes(material.status);

  // One message line for all four: the outcome of the last one, then the page shows the new state.
  const show = (m: Message) => {
    setMessage(m);
    router.refresh();
  };
  const failed = (e: AppErrorShape) => show({ tone: "error", text: e.message });

  return (
    <div className="space-y-4">
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          void rename.run({ id: material.id, title }, { onSuccess: () => show({ tone: "success", text: "Renamed." }), onError: failed });
        }}
      >
        <div className="min-w-60 flex-1">
          <Field label="Title">
            <Input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} />
          </Field>
        </div>
        <Button type="submit" variant="secondary" disabled={pending || title.trim() === material.title}>
          Rename
        </Button>
      </form>
      <div className="flex flex-wrap gap-2">
        <Button
          variant="secondary"
          disabled={pending}
          onClick={() =>
            void archive.run(
              { id: material.id, archived: !material.archived },
              {
                onSuccess: (d) => show({ tone: "success", text: d.archived ? "Archived: it is no longer searched." : "Restored: it is searched again." }),
                onError: failed,
              },
            )
          }
        >
          {material.archived ? "Restore" : "Archive"}
        </Button>
        {material.status === "ready" && (material.needsReindex || material.chunkCount > 0) && (
          <Button
            variant="secondary"
            disabled={pending}
            onClick={() =>
              void reindex.run(
                { id: material.id },
                { onSuccess: (d) => show({ tone: "success", text: `Re-indexed ${d.chunks} passages with ${d.embedder}.` }), onError: failed },
              )
            }
          >
            Re-index
          </Button>
        )}
        <Button
          variant="danger"
          disabled={pending || busy}
          onClick={() => {
            if (!window.confirm(`Delete "${material.title}" and its passages?`)) return;
            void remove.run(
              { id: material.id },
              {
                onSuccess: (d) => (d.deleted ? router.push("/materials") : show({ tone: "info", text: d.message })),
                onError: failed,
              },
            );
          }}
        >
          Delete
        </Button>
      </div>
      {message && (
        <Alert tone={message.tone} data-testid="material-message">
          {message.text}
        </Alert>
      )}
    </div>
  );
}
