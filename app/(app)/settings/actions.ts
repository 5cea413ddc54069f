"use server";
/** Scheduler settings: switch scheduler, set retention and maximum interval, fit or reset FSRS parameters. */
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction } from "@/lib/actions/client";
import { fitFsrsParameters, resetFsrsParameters, saveSchedulerSettings } from "@/lib/srs/scheduler-service";
import { setExamDate } from "@/lib/srs/exam-service";
import { SchedulerSettingsInput } from "@/lib/srs/settings";

/** Every page that shows a due date reads the rewritten schedule at once. */
function revalidateSchedule() {
  for (const path of ["/settings", "/review", "/dashboard", "/questions", "/analytics"]) revalidatePath(path);
}

export const saveSchedulerSettingsAction = authedAction(SchedulerSettingsInput, async (input, { user }) => {
  const result = await saveSchedulerSettings(user.id, input);
  revalidateSchedule();
  return result;
});

export const fitFsrsParametersAction = authedAction(z.object({}), async (_input, { user }) => {
  const result = await fitFsrsParameters(user.id);
  revalidateSchedule();
  return { replayed: result.replayed, reviews: result.reviews };
});

export const resetFsrsParametersAction = authedAction(z.object({}), async (_input, { user }) => {
  const result = await resetFsrsParameters(user.id);
  revalidateSchedule();
  return result;
});

/** Exam date: "" clears it. Moving scheduled reviews under the cap changes due dates everywhere. */
export const saveExamDateAction = authedAction(
  z.object({
    examDate: z.union([z.literal(""), z.iso.date("Enter a date as YYYY-MM-DD.")]).transform((v) => (v === "" ? null : v)),
  }),
  async (input, { user }) => {
    const result = await setExamDate(user.id, input.examDate);
    revalidateSchedule();
    return result;
  },
);
