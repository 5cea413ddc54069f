import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { MaterialControls } from "@/components/materials/material-controls";
import { MaterialSearch } from "@/components/materials/material-search";
import { MaterialStatusLive } from "@/components/materials/material-status-live";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { listChunks } from "@/db/queries/materials";
import { requirePageUser } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { getUserMaterial } from "@/lib/rag/manage";

export const metadata: Metadata = { title: "Material" };
export const dynamic = "force-dynamic";

const PER_PAGE = 50;

const PageNumber = z.coerce.number().int().min(1).max(10_000).catch(1);

export default async function MaterialPage(props: { params: Promise<{ id: string }>; searchParams: Promise<{ page?: string }> }) {
  const user = await requirePageUser();
  const { id } = await props.params;
  if (!z.uuid().safeParse(id).success) notFound();
  const material = await getUserMaterial(user.id, id).catch((e: unknown) => {
    if (isAppError(e) && e.code === "not_found") notFound();
    throw e;
  });
  const pageNo = PageNumber.parse((await props.searchParams).page);
  const chunks = await listChunks(user.id, id, { offset: (pageNo - 1) * PER_PAGE, limit: PER_PAGE });
  const pages = Math.max(1, Math.ceil(material.chunkCount / PER_PAGE));

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/materials" className="text-brand-700 hover:underline dark:text-brand-300">
          ← All materials
        </Link>
      </p>
      <PageHeader
        title={material.title}
        description={`${material.fileName} · ${material.type.toUpperCase()}${material.pageCount ? ` · ${material.pageCount} pages` : ""} · ${material.chunkCount} passages`}
      />
      <div className="space-y-6">
        <Card className="space-y-4">
          <MaterialStatusLive initial={material} />
          {material.archived && (
            <Alert tone="info">Archived: its passages are kept (questions may cite them) but it is not searched.</Alert>
          )}
          {material.needsReindex && (
            <Alert tone="warning">Vector search was unavailable when this was indexed: only keyword search finds it. Re-index to repair it.</Alert>
          )}
          <MaterialControls material={material} />
        </Card>
        {material.status === "ready" && <MaterialSearch materialId={material.id} />}
        <section aria-labelledby="passages-heading" className="space-y-3">
          <h2 id="passages-heading" className="text-lg font-semibold">
            Passages
          </h2>
          {chunks.length === 0 && <p className="text-sm text-slate-500">No passages.</p>}
          <ol className="space-y-3">
            {chunks.map((c) => (
              <li key={c.id} data-testid="chunk" className="rounded-lg border border-slate-200 p-3 text-sm dark:border-slate-800">
                <p className="mb-1 flex flex-wrap gap-x-3 text-xs text-slate-500">
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
          {pages > 1 && (
            <nav aria-label="Passage pages" className="flex items-center gap-3 text-sm">
              {pageNo > 1 && <Link href={`?page=${pageNo - 1}`}>← Previous</Link>}
              <span>
                Page {pageNo} of {pages}
              </span>
              {pageNo < pages && <Link href={`?page=${pageNo + 1}`}>Next →</Link>}
            </nav>
          )}
        </section>
      </div>
    </>
  );
}
