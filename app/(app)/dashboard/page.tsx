import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Dashboard" };

export default function Page() {
  return (
    <>
      <PageHeader title="Dashboard" description="Your progress at a glance." />
      <EmptyState title="Welcome to Studyin">Upload study material, generate questions from it, and review them every day.</EmptyState>
    </>
  );
}
