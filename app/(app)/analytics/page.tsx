import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Analytics" };

export default function Page() {
  return (
    <>
      <PageHeader title="Analytics" description="Mastery by topic and progress over time." />
      <EmptyState title="No answers yet">Charts appear once you have answered questions.</EmptyState>
    </>
  );
}
