import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Questions" };

export default function Page() {
  return (
    <>
      <PageHeader title="Questions" description="Your question bank." />
      <EmptyState title="Your question bank is empty">Generated questions will be listed here.</EmptyState>
    </>
  );
}
