"use client";
/**
 * The library: every material with its live status. While anything is being processed it polls
 * GET /api/materials once a second; the status lives in the database, so leaving and coming back
 * shows where ingestion got to. A failed material has Retry (its file is kept) and a checkbox, so
 * several failed ones can be removed at once.
 */
import Link from "next/link";
import { useCallback, useEffect, useRef, useState, useTransition } from "react";
import { deleteMaterialsAction, retryMaterialAction } from "@/app/(app)/materials/actions";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { cn } from "@/lib/utils";
import { isInProgress, progressLabel, progressPercent } from "@/lib/rag/status";
import type { MaterialSummary } from "@/lib/rag/types";
import { type UploadLimitsView, UploadDropzone } from "./upload-dropzone";

const POLL_MS = 1000;
const TYPE_LABEL = { pdf: "PDF", markdown: "Markdown", text: "Text" } as const;

export function MaterialsPanel({ initial, limits }: { initial: MaterialSummary[]; limits: UploadLimitsView }) {
  const [materials, setMaterials] = useState(initial);
  const [pollError, setPollError] = useState(false);
  // The material to focus once the list shows it (just uploaded, or just retried).
  const [focus, setFocus] = useState<{ id: string; n: number } | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [notice, setNotice] = useState<{ tone: "error" | "info"; text: string } | null>(null);
  const [pending, start] = useTransition();
  // After a removal the button that had focus may be gone: focus goes to the list.
  const list = useRef<HTMLUListElement>(null);

  const refresh = useCallback(async () => {
    try {
      const res = await fetch("/api/materials", { cache: "no-store" });
      if (!res.ok) throw new Error(String(res.status));
      setMaterials(((await res.json()) as { materials: MaterialSummary[] }).materials);
      setPollError(false);
    } catch {
      setPollError(true);
    }
  }, []);

  const busy = materials.some((m) => isInProgress(m.status));
  useEffect(() => {
    if (!busy) return;
    const t = setInterval(() => void refresh(), POLL_MS);
    return () => clearInterval(t);
  }, [busy, refresh]);

  const failed = materials.filter((m) => m.status === "failed");
  // Only failed materials can be selected; one that left that state drops out of the selection.
  const chosen = failed.filter((m) => selected.has(m.id));
  const toggle = (id: string, on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const removeSelected = () => {
    if (chosen.length === 0) {
      setNotice({ tone: "error", text: "Select the failed materials to remove first." });
      return;
    }
    if (!window.confirm(`Remove ${chosen.length} failed material${chosen.length === 1 ? "" : "s"}?`)) return;
    start(async () => {
      const r = await deleteMaterialsAction({ ids: chosen.map((m) => m.id) });
      if (!r.ok) {
        setNotice({ tone: "error", text: r.error.message });
        return;
      }
      const removed = r.data.filter((o) => o.deleted).length;
      const kept = r.data.filter((o) => !o.deleted).map((o) => ("error" in o ? o.error : o.message));
      setNotice({
        tone: kept.length > 0 ? "error" : "info",
        text: [`Removed ${removed} material${removed === 1 ? "" : "s"}.`, ...kept].join(" "),
      });
      setSelected(new Set());
      await refresh();
      list.current?.focus();
    });
  };

  const retry = (m: MaterialSummary) =>
    start(async () => {
      const r = await retryMaterialAction({ id: m.id });
      setNotice(r.ok ? { tone: "info", text: `Processing "${m.title}" again.` } : { tone: "error", text: r.error.message });
      await refresh();
      if (r.ok) setFocus((f) => ({ id: m.id, n: (f?.n ?? 0) + 1 }));
    });

  const stored = materials.filter((m) => m.status !== "failed").reduce((n, m) => n + m.sizeBytes, 0);
  return (
    <div className="space-y-6">
      <UploadDropzone
        limits={{ ...limits, storedBytes: stored }}
        onUploaded={(ids) => void refresh().then(() => setFocus((f) => (ids.length ? { id: ids.at(-1)!, n: (f?.n ?? 0) + 1 } : f)))}
      />
      {pollError && <p className="text-xs text-amber-700 dark:text-amber-300">Could not refresh the status; retrying…</p>}
      {failed.length > 0 && (
        <div className="flex flex-wrap items-center gap-3" role="group" aria-label="Failed materials">
          <Button variant="danger" size="sm" onClick={removeSelected} disabled={pending} data-testid="remove-selected">
            Remove selected ({chosen.length})
          </Button>
          <span className="text-xs text-muted">Tick failed materials to remove several at once.</span>
        </div>
      )}
      <p
        role="status"
        data-testid="materials-notice"
        className={cn("text-sm", !notice && "sr-only", notice?.tone === "error" && "text-red-700 dark:text-red-300")}
      >
        {notice?.text}
      </p>
      {materials.length === 0 ? (
        <EmptyState title="No materials yet">Upload a PDF, Markdown or text file to build your library.</EmptyState>
      ) : (
        <ul
          ref={list}
          tabIndex={-1}
          className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white focus-visible:outline-2 focus-visible:outline-focus dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900"
          aria-label="Your materials"
        >
          {materials.map((m) => (
            <MaterialRow
              key={m.id}
              m={m}
              focus={focus?.id === m.id ? focus.n : 0}
              selected={selected.has(m.id)}
              onSelect={(on) => toggle(m.id, on)}
              onRetry={() => retry(m)}
              pending={pending}
            />
          ))}
        </ul>
      )}
    </div>
  );
}

function MaterialRow({
  m,
  focus,
  selected,
  onSelect,
  onRetry,
  pending,
}: {
  m: MaterialSummary;
  /** Non-zero: focus the link (a new number focuses again). */
  focus: number;
  selected: boolean;
  onSelect: (on: boolean) => void;
  onRetry: () => void;
  pending: boolean;
}) {
  const percent = progressPercent(m);
  const link = useRef<HTMLAnchorElement>(null);
  useEffect(() => {
    if (focus) link.current?.focus();
  }, [focus]);
  const statusId = `material-status-${m.id}`;
  return (
    <li className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3" data-testid="material-row" data-status={m.status}>
      {m.status === "failed" && (
        <input
          type="checkbox"
          className="size-4 accent-brand-600"
          checked={selected}
          onChange={(e) => onSelect(e.target.checked)}
          aria-label={`Select "${m.title}" for removal`}
          aria-describedby={statusId}
        />
      )}
      <div className="min-w-0 flex-1">
        <Link ref={link} href={`/materials/${m.id}`} className="font-medium hover:underline" aria-describedby={statusId}>
          {m.title}
        </Link>
        <p className="truncate text-xs text-muted">
          {TYPE_LABEL[m.type]} · {m.fileName} · {new Date(m.createdAt).toLocaleDateString()}
          {m.pageCount !== null && ` · ${m.pageCount} pages`}
          {m.status === "ready" && ` · ${m.chunkCount} passages`}
          {m.archived && " · archived"}
        </p>
      </div>
      <div className="w-full sm:w-72">
        <p
          data-testid="material-status"
          id={statusId}
          role="status"
          className={cn(
            "text-sm",
            m.status === "failed" && "text-red-700 dark:text-red-300",
            m.status === "ready" && "text-emerald-700 dark:text-emerald-300",
          )}
        >
          {progressLabel(m)}
        </p>
        {isInProgress(m.status) && (
          <div className="mt-1 h-1.5 rounded bg-slate-200 dark:bg-slate-800" aria-hidden>
            <div className="h-1.5 rounded bg-brand-600 transition-all" style={{ width: `${percent ?? 5}%` }} />
          </div>
        )}
        {m.needsReindex && m.status === "ready" && (
          <p className="text-xs text-amber-700 dark:text-amber-300">Keyword search only: needs re-indexing (open it to re-index).</p>
        )}
        {m.status === "failed" && (
          <Button variant="secondary" size="sm" className="mt-1" onClick={onRetry} disabled={pending} aria-label={`Retry "${m.title}"`}>
            Retry
          </Button>
        )}
      </div>
    </li>
  );
}
