import type { Metadata } from "next";
import { MaterialsPanel } from "@/components/materials/material-library";
import { MaterialSearch } from "@/components/materials/material-search";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/session";
import { getEnv } from "@/lib/env";
import { embedderInfo } from "@/lib/rag/embedder";
import { listUserMaterials } from "@/lib/rag/manage";

export const metadata: Metadata = { title: "Materials" };
export const dynamic = "force-dynamic";

export default async function Page() {
  const user = await requirePageUser();
  const env = getEnv();
  const materials = await listUserMaterials(user.id);
  const embedder = embedderInfo(env);
  return (
    <>
      <PageHeader title="Materials" description="Your uploaded study material: questions are generated from these passages." />
      <div className="space-y-8">
        <MaterialsPanel
          initial={materials}
          limits={{
            maxFileMb: env.UPLOAD_MAX_FILE_MB,
            maxUserTotalMb: env.UPLOAD_MAX_USER_TOTAL_MB,
            maxPages: env.UPLOAD_MAX_PAGES,
            storedBytes: 0,
          }}
        />
        <Alert tone={embedder.kind === "offline" ? "warning" : "info"} data-testid="embedder-info">
          <strong>Embedder: {embedder.name}.</strong> {embedder.description}
        </Alert>
        <MaterialSearch />
      </div>
    </>
  );
}
