"use client";
/**
 * A material's passages, one page of 50, fetched from /api/materials/[id]/passages after the page
 * loads: rendered on the server, each passage's text would be sent twice (HTML and React payload).
 */
import Link from "next/link";
import { useEffect, useState } from "react";

type Passage = {
  id: string;
  ordinal: number;
  pageStart: number | null;
  pageEnd: number | null;
  heading: string | null;
  content: string;
  wordCount: number;
};

export function PassageList({ materialId, page, pages }: { materialId: string; page: number; pages: number }) {
  const [state, setState] = useState<{ key: string; passages?: Passage[]; failed?: boolean }>({ key: "" });
  const key = `${materialId}:${page}`;
  useEffect(() => {
    let live = true;
    fetch(`/api/materials/${materialId}/passages?page=${page}`, { cache: "no-store" })
      .then((r) => (r.ok ? (r.json() as Promise<{ passages: Passage[] }>) : Promise.reject(new Error(String(r.status)))))
      .then((b) => live && setState({ key, passages: b.passages }))
      .catch(() => live && setState({ key, failed: true }));
    return () => {
      live = false;
    };
  }, [materialId, page, key]);
  const current = state.key === key ? state : { key };

  return (
    <>
      {current.failed ? (
        <p className="text-sm text-red-700 dark:text-red-300" role="alert">
          The passages could not be loaded. Reload the page to try again.
        </p>
      ) : !current.passages ? (
        <p className="text-sm text-muted" aria-busy="true">
          Loading passages…
        </p>
      ) : current.passages.length === 0 ? (
        <p className="text-sm text-muted">No passages.</p>
      ) : (
        <ol className="space-y-3">
          {current.passages.map((c) => (
            <li key={c.id} data-testid="chunk" className="rounded-lg border border-slate-200 p-3 text-sm dark:border-slate-800">
              <p className="mb-1 flex flex-wrap gap-x-3 text-xs text-muted">
                <span>#{c.ordinal + 1}</span>
                {c.pageStart !== null && (
                  <span data-testid="chunk-page">{c.pageEnd !== c.pageStart ? `pages ${c.pageStart}–${c.pageEnd}` : `page ${c.pageStart}`}</span>
                )}
                {c.heading && <span className="font-medium text-slate-700 dark:text-slate-300">{c.heading}</span>}
                <span>{c.wordCount} words</span>
              </p>
              <p className="whitespace-pre-line">{c.content}</p>
            </li>
          ))}
        </ol>
      )}
      {pages > 1 && (
        <nav aria-label="Passage pages" className="flex items-center gap-3 text-sm">
          {page > 1 && (
            <Link href={`?page=${page - 1}`} className="text-link hover:underline">
              ← Previous
            </Link>
          )}
          <span>
            Page {page} of {pages}
          </span>
          {page < pages && (
            <Link href={`?page=${page + 1}`} className="text-link hover:underline">
              Next →
            </Link>
          )}
        </nav>
      )}
    </>
  );
}
