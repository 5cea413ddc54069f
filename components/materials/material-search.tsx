"use client";
/**
 * The search box: runs retrieveContext over the student's own materials and shows the passages
 * generation would be grounded in, with file, page and score.
 */
import Link from "next/link";
import { useState } from "react";
import { searchMaterialsAction } from "@/app/(app)/materials/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { useAction } from "@/lib/actions/use-action";

export function MaterialSearch({ materialId }: { materialId?: string }) {
  const [topic, setTopic] = useState("");
  // The last results stay on screen while a new search runs, and under its error if it fails.
  const { run, pending, error, data: result } = useAction(searchMaterialsAction);

  const search = (e: React.FormEvent) => {
    e.preventDefault();
    void run({ topic, materialId });
  };

  return (
    <section aria-labelledby="search-heading" className="space-y-3">
      <h2 id="search-heading" className="text-lg font-semibold">
        Search your materials
      </h2>
      <form onSubmit={search} className="flex gap-2" role="search">
        <Input
          aria-label="Topic"
          placeholder="e.g. cardiac conduction system"
          value={topic}
          onChange={(e) => setTopic(e.target.value)}
          maxLength={300}
        />
        <Button type="submit" disabled={pending}>
          {pending ? "Searching…" : "Search"}
        </Button>
      </form>
      {error && <Alert>{error.message}</Alert>}
      {result?.notice && <Alert tone="warning">{result.notice}</Alert>}
      {result && (
        <div data-testid="search-results" className="space-y-3">
          <p className="text-xs text-muted">
            {result.chunks.length} passage{result.chunks.length === 1 ? "" : "s"} ·{" "}
            {result.mode === "hybrid" ? "vector + keyword search" : "keyword search only"} · embedder {result.embedder}
          </p>
          {result.chunks.length === 0 && <p className="text-sm">No passages match. Try other words, or upload material on this topic.</p>}
          <ol className="space-y-3">
            {result.chunks.map((c) => (
              <li key={c.chunkId} data-testid="passage" className="rounded-lg border border-slate-200 p-3 text-sm dark:border-slate-800">
                <p className="mb-1 flex flex-wrap gap-x-3 text-xs text-muted">
                  <Link href={`/materials/${c.materialId}`} className="font-medium text-slate-700 hover:underline dark:text-slate-300">
                    {c.fileName}
                  </Link>
                  {c.pageStart !== null && (
                    <span data-testid="passage-page">
                      {c.pageEnd !== null && c.pageEnd !== c.pageStart ? `pages ${c.pageStart}–${c.pageEnd}` : `page ${c.pageStart}`}
                    </span>
                  )}
                  {c.heading && <span>{c.heading}</span>}
                  <span title="Reciprocal rank fusion of vector and keyword ranks">score {c.score.toFixed(4)}</span>
                  {c.distance !== null && <span title="Cosine distance in Chroma (lower is nearer)">distance {c.distance.toFixed(3)}</span>}
                  {c.textRank !== null && <span title="Postgres ts_rank_cd">keyword rank {c.textRank.toFixed(2)}</span>}
                </p>
                <p className="line-clamp-6 whitespace-pre-line">{c.content}</p>
              </li>
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}
