import type { Metadata } from "next";
import { ExamDateForm } from "@/components/settings/exam-date-form";
import { SchedulerForm } from "@/components/settings/scheduler-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/session";
import { getProfile } from "@/db/queries/users";
import { MIN_REVIEWS_TO_FIT } from "@/lib/srs/scheduler-service";

export const metadata: Metadata = { title: "Settings" };

export default async function Page() {
  const user = await requirePageUser();
  const profile = await getProfile(user.id);
  return (
    <>
      <PageHeader title="Settings" description="How Studyin schedules your reviews." />
      <Card className="max-w-2xl">
        <h2 className="mb-3 text-base font-semibold">Review scheduler</h2>
        <SchedulerForm
          settings={{
            scheduler: profile?.scheduler ?? "sm2",
            desiredRetention: profile?.desiredRetention ?? 0.9,
            maximumInterval: profile?.maximumInterval ?? 36500,
          }}
          reviews={profile?.totalQuestionsAnswered ?? 0}
          minReviewsToFit={MIN_REVIEWS_TO_FIT}
          fittedOn={profile?.fsrsWeightsReviews ?? null}
        />
      </Card>
      <Card className="mt-6 max-w-2xl">
        <h2 className="mb-3 text-base font-semibold">Exam</h2>
        <ExamDateForm examDate={profile?.examDate ?? null} />
      </Card>
    </>
  );
}
