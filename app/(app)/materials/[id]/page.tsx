import type { Metadata } from "next";
import Link from "next/link";
import { cache } from "react";
import { notFound } from "next/navigation";
import { z } from "zod";
import { MaterialControls } from "@/components/materials/material-controls";
import { MaterialSearch } from "@/components/materials/material-search";
import { MaterialStatusLive } from "@/components/materials/material-status-live";
import { PassageList } from "@/components/materials/passage-list";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { getUserMaterial } from "@/lib/rag/manage";

export const dynamic = "force-dynamic";

// One read per request, shared by the title and the page.
const loadMaterial = cache(async (userId: string, id: string) =>
  getUserMaterial(userId, id).catch((e: unknown) => {
    if (isAppError(e) && e.code === "not_found") return null;
    throw e;
  }),
);

export async function generateMetadata(props: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const user = await requirePageUser();
  const { id } = await props.params;
  const material = z.uuid().safeParse(id).success ? await loadMaterial(user.id, id) : null;
  return { title: material ? material.title : "Material not found" };
}

const PER_PAGE = 50;

const PageNumber = z.coerce.number().int().min(1).max(10_000).catch(1);

export default async function MaterialPage(props: { params: Promise<{ id: string }>; searchParams: Promise<{ page?: string }> }) {
  const user = await requirePageUser();
  const { id } = await props.params;
  if (!z.uuid().safeParse(id).success) notFound();
  const material = await loadMaterial(user.id, id);
  if (!material) notFound();
  const pageNo = PageNumber.parse((await props.searchParams).page);
  const pages = Math.max(1, Math.ceil(material.chunkCount / PER_PAGE));

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/materials" className="text-link hover:underline">
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
          <PassageList materialId={material.id} page={Math.min(pageNo, pages)} pages={pages} />
        </section>
      </div>
    </>
  );
}
