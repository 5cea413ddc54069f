import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Review" };

export default function Page() {
  return (
    <>
      <PageHeader title="Review" description="Today's spaced-repetition review." />
      <EmptyState title="Nothing to review yet">Questions you answer come back here on their SM-2 schedule.</EmptyState>
    </>
  );
}
