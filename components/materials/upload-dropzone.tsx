"use client";
/**
 * Drag and drop or pick PDF, Markdown and text files (several at once). Sizes are checked here
 * before anything is sent (the server checks again); the upload returns as soon as the files are
 * stored, and the library shows their processing live.
 */
import { useEffect, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { cn } from "@/lib/utils";
import { uploadRefusals } from "@/lib/rag/limits";
import type { UploadResult } from "@/lib/rag/types";

export type UploadLimitsView = { maxFileMb: number; maxUserTotalMb: number; maxPages: number; storedBytes: number };

/** `onUploaded` gets the ids of the materials just stored (the library focuses the newest). */
export function UploadDropzone({ limits, onUploaded }: { limits: UploadLimitsView; onUploaded: (newIds: string[]) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  const errorBox = useRef<HTMLDivElement>(null);
  const [focusErrors, setFocusErrors] = useState(0);
  useEffect(() => {
    // Nothing was stored: land on why.
    if (focusErrors) errorBox.current?.focus();
  }, [focusErrors]);

  async function upload(list: FileList | File[]) {
    const files = [...list];
    if (files.length === 0) return;
    const refusals = uploadRefusals(files, limits.storedBytes, limits);
    const accepted = files.filter((_, i) => refusals[i] === null);
    const messages = refusals.filter((r): r is string => r !== null);
    setErrors(messages);
    if (accepted.length === 0) return setFocusErrors((n) => n + 1);
    setBusy(true);
    const stored: string[] = [];
    try {
      // One request per file: a batch of large files would exceed the request body limit, which
      // only needs to fit one file (UPLOAD_MAX_FILE_MB).
      for (const file of accepted) {
        const form = new FormData();
        form.append("files", file);
        try {
          const res = await fetch("/api/materials", { method: "POST", body: form });
          const body = (await res.json().catch(() => null)) as { results?: UploadResult[]; error?: { message: string } } | null;
          if (body?.results) {
            messages.push(...body.results.flatMap((r) => (r.ok ? [] : [r.error])));
            stored.push(...body.results.flatMap((r) => (r.ok ? [r.materialId] : [])));
          }
          else messages.push(body?.error?.message ?? `${file.name}: the upload failed (HTTP ${res.status}). Please try again.`);
        } catch {
          messages.push(`${file.name}: the upload did not reach the server. Check your connection and try again.`);
        }
        setErrors([...messages]);
        onUploaded(stored);
      }
      if (stored.length === 0) setFocusErrors((n) => n + 1);
    } finally {
      setBusy(false);
      if (input.current) input.current.value = "";
    }
  }

  return (
    <section aria-label="Upload materials" className="space-y-3">
      <div
        data-testid="dropzone"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          void upload(e.dataTransfer.files);
        }}
        className={cn(
          "rounded-xl border-2 border-dashed p-8 text-center transition-colors",
          dragging ? "border-brand-500 bg-brand-50 dark:bg-brand-950/30" : "border-slate-300 dark:border-slate-700",
        )}
      >
        <p className="text-sm font-medium">Drop PDF, Markdown or text files here</p>
        <p className="mt-1 text-xs text-muted">
          Up to {limits.maxFileMb} MB and {limits.maxPages.toLocaleString("en-US")} pages per file, {limits.maxUserTotalMb} MB in total.
        </p>
        {/* The input is visually hidden: its focus ring is drawn on the label that looks like the button. */}
        <label
          className={cn(
            buttonClass("secondary"),
            "mt-4 cursor-pointer has-[input:focus-visible]:outline-2 has-[input:focus-visible]:outline-offset-2 has-[input:focus-visible]:outline-focus",
          )}
        >
          {busy ? "Uploading…" : "Choose files"}
          <input
            ref={input}
            type="file"
            multiple
            accept=".pdf,.md,.markdown,.txt,application/pdf,text/markdown,text/plain"
            className="sr-only"
            aria-label="Choose files to upload"
            disabled={busy}
            onChange={(e) => e.target.files && void upload(e.target.files)}
          />
        </label>
      </div>
      {errors.length > 0 && (
        <Alert ref={errorBox} tabIndex={-1} data-testid="upload-errors">
          <ul className="space-y-1">
            {errors.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </Alert>
      )}
    </section>
  );
}
