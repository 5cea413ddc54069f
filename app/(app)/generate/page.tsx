import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Generate" };

export default function Page() {
  return (
    <>
      <PageHeader title="Generate" description="NBME-style questions from your material." />
      <EmptyState title="Question generation is not available yet">It needs uploaded material first.</EmptyState>
    </>
  );
}
