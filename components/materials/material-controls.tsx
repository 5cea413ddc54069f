"use client";
/** Rename, archive or restore, delete (archives instead when questions cite it), re-index. */
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import {
  archiveMaterialAction,
  deleteMaterialAction,
  reindexMaterialAction,
  renameMaterialAction,
} from "@/app/(app)/materials/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import type { MaterialSummary } from "@/lib/rag/status";

export function MaterialControls({ material }: { material: MaterialSummary }) {
  const router = useRouter();
  const [title, setTitle] = useState(material.title);
  const [message, setMessage] = useState<{ tone: "error" | "success" | "info"; text: string } | null>(null);
  const [pending, start] = useTransition();
  const busy = ["stored", "extracting", "chunking", "embedding"].includes(material.status);

  const run = (fn: () => Promise<{ tone: "error" | "success" | "info"; text: string } | "navigate">) =>
    start(async () => {
      const r = await fn();
      if (r === "navigate") return;
      setMessage(r);
      router.refresh();
    });

  return (
    <div className="space-y-4">
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          run(async () => {
            const r = await renameMaterialAction({ id: material.id, title });
            return r.ok ? { tone: "success", text: "Renamed." } : { tone: "error", text: r.error.message };
          });
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
            run(async () => {
              const r = await archiveMaterialAction({ id: material.id, archived: !material.archived });
              if (!r.ok) return { tone: "error", text: r.error.message };
              return { tone: "success", text: r.data.archived ? "Archived: it is no longer searched." : "Restored: it is searched again." };
            })
          }
        >
          {material.archived ? "Restore" : "Archive"}
        </Button>
        {material.status === "ready" && (material.needsReindex || material.chunkCount > 0) && (
          <Button
            variant="secondary"
            disabled={pending}
            onClick={() =>
              run(async () => {
                const r = await reindexMaterialAction({ id: material.id });
                return r.ok
                  ? { tone: "success", text: `Re-indexed ${r.data.chunks} passages with ${r.data.embedder}.` }
                  : { tone: "error", text: r.error.message };
              })
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
            run(async () => {
              const r = await deleteMaterialAction({ id: material.id });
              if (!r.ok) return { tone: "error", text: r.error.message };
              if (r.data.deleted) {
                router.push("/materials");
                return "navigate";
              }
              return { tone: "info", text: r.data.message };
            });
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
