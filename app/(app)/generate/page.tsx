import type { Metadata } from "next";
import Link from "next/link";
import { GenerateView } from "@/components/generate/generate-view";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { RecentJobs } from "@/components/generate/recent-jobs";
import { headingSuggestions, readyMaterials, recentJobs } from "@/db/queries/generation";
import { questionWriter } from "@/lib/ai/providers";
import { requirePageUser } from "@/lib/auth/session";
import { studentToday } from "@/lib/srs/service";

export const metadata: Metadata = { title: "Generate" };

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser();
  // "Generate more" from the dashboard's weak areas prefills the topic.
  const rawTopic = (await searchParams).topic;
  const initialTopic = typeof rawTopic === "string" ? rawTopic.slice(0, 200) : undefined;
  const [materials, suggestions, jobs, today] = await Promise.all([
    readyMaterials(user.id),
    headingSuggestions(user.id),
    recentJobs(user.id),
    studentToday(user.id),
  ]);
  const writer = questionWriter();
  return (
    <>
      <PageHeader title="Generate" description="NBME-style questions written from passages of your own material." />
      {materials.length === 0 ? (
        <EmptyState title="Upload material first">
          Questions are written from your own material.{" "}
          <Link href="/materials" className={buttonClass("secondary")}>
            Go to Materials
          </Link>
        </EmptyState>
      ) : (
        <GenerateView materials={materials} suggestions={suggestions} generatorLabel={writer.label} offline={writer.kind === "offline"} today={today} initialTopic={initialTopic} />
      )}
      <RecentJobs jobs={jobs} />
    </>
  );
}
