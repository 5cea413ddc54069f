import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Materials" };

export default function Page() {
  return (
    <>
      <PageHeader title="Materials" description="Your uploaded study material." />
      <EmptyState title="No materials yet">Uploading PDF, Markdown and text files is coming in the next release.</EmptyState>
    </>
  );
}
