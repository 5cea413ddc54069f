"use client";
/**
 * The library: every material with its live status. While anything is being processed it polls
 * GET /api/materials once a second; the status lives in the database, so leaving and coming back
 * shows where ingestion got to.
 */
import Link from "next/link";
import { useCallback, useEffect, useRef, useState } from "react";
import { EmptyState } from "@/components/ui/empty-state";
import { cn } from "@/lib/utils";
import { type MaterialSummary, isInProgress, progressLabel, progressPercent } from "@/lib/rag/status";
import { type UploadLimitsView, UploadDropzone } from "./upload-dropzone";

const POLL_MS = 1000;
const TYPE_LABEL = { pdf: "PDF", markdown: "Markdown", text: "Text" } as const;

export function MaterialsPanel({ initial, limits }: { initial: MaterialSummary[]; limits: UploadLimitsView }) {
  const [materials, setMaterials] = useState(initial);
  const [pollError, setPollError] = useState(false);
  // The material an upload just stored: focus lands on it once the list shows it.
  const [focusId, setFocusId] = useState<string | null>(null);

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

  const stored = materials.filter((m) => m.status !== "failed").reduce((n, m) => n + m.sizeBytes, 0);
  return (
    <div className="space-y-6">
      <UploadDropzone limits={{ ...limits, storedBytes: stored }} onUploaded={(ids) => void refresh().then(() => setFocusId(ids.at(-1) ?? null))} />
      {pollError && <p className="text-xs text-amber-700 dark:text-amber-300">Could not refresh the status; retrying…</p>}
      {materials.length === 0 ? (
        <EmptyState title="No materials yet">Upload a PDF, Markdown or text file to build your library.</EmptyState>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900" aria-label="Your materials">
          {materials.map((m) => (
            <MaterialRow key={m.id} m={m} focus={m.id === focusId} />
          ))}
        </ul>
      )}
    </div>
  );
}

function MaterialRow({ m, focus }: { m: MaterialSummary; focus: boolean }) {
  const percent = progressPercent(m);
  const link = useRef<HTMLAnchorElement>(null);
  useEffect(() => {
    if (focus) link.current?.focus();
  }, [focus]);
  return (
    <li className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3" data-testid="material-row" data-status={m.status}>
      <div className="min-w-0 flex-1">
        <Link ref={link} href={`/materials/${m.id}`} className="font-medium hover:underline" aria-describedby={`material-status-${m.id}`}>
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
          id={`material-status-${m.id}`}
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
      </div>
    </li>
  );
}
