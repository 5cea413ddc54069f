"use client";
/** A material's status on its own page, polled while it is processed; refreshes the page when done. */
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { isInProgress, progressLabel } from "@/lib/rag/status";
import type { MaterialSummary } from "@/lib/rag/types";

export function MaterialStatusLive({ initial }: { initial: MaterialSummary }) {
  const router = useRouter();
  const [m, setM] = useState(initial);
  useEffect(() => {
    if (!isInProgress(m.status)) return;
    const t = setInterval(async () => {
      const res = await fetch(`/api/materials/${m.id}`, { cache: "no-store" }).catch(() => null);
      if (!res?.ok) return;
      const next = ((await res.json()) as { material: MaterialSummary }).material;
      setM(next);
      if (!isInProgress(next.status)) router.refresh();
    }, 1000);
    return () => clearInterval(t);
  }, [m.id, m.status, router]);
  return (
    <p data-testid="material-status" role="status" className={m.status === "failed" ? "text-red-700 dark:text-red-300" : undefined}>
      {progressLabel(m)}
    </p>
  );
}
