import type { Metadata } from "next";
import { z } from "zod";
import Link from "next/link";
import { GenerateView } from "@/components/generate/generate-view";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { RecentJobs } from "@/components/generate/recent-jobs";
import { headingSuggestions, readyMaterials, recentJobs } from "@/db/queries/generation";
import { watchableJobs } from "@/lib/ai/jobs";
import { questionWriter } from "@/lib/ai/providers";
import { MAX_BATCH_TOPICS } from "@/lib/ai/request";
import { requirePageUser } from "@/lib/auth/session";
import { studentToday } from "@/lib/srs/service";

export const metadata: Metadata = { title: "Generate" };

/** `?jobs=id1,id2`: the runs the page follows (set by the page itself after Generate, or a Watch link). */
const jobIdsParam = z.string().transform((s) => s.split(",")).pipe(z.array(z.uuid()).min(1).max(MAX_BATCH_TOPICS));

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser();
  const params = await searchParams;
  // "Generate more" from the dashboard's weak areas prefills the topic.
  const rawTopic = params.topic;
  const initialTopic = typeof rawTopic === "string" ? rawTopic.slice(0, 200) : undefined;
  // A malformed list follows nothing; another student's jobs are not found.
  const ids = jobIdsParam.safeParse(params.jobs);
  const [materials, suggestions, jobs, today, watched] = await Promise.all([
    readyMaterials(user.id),
    headingSuggestions(user.id),
    recentJobs(user.id),
    studentToday(user.id),
    ids.success ? watchableJobs(user.id, [...new Set(ids.data)]) : [],
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
        <GenerateView
          materials={materials}
          suggestions={suggestions}
          generatorLabel={writer.label}
          offline={writer.kind === "offline"}
          today={today}
          initialTopic={initialTopic}
          jobs={watched}
          maxTopics={MAX_BATCH_TOPICS}
        />
      )}
      <RecentJobs jobs={jobs} />
    </>
  );
}
