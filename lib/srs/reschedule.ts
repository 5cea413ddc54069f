/**
 * A scheduler switch's new schedule, without I/O: every question with an attempt log is replayed
 * (replay.ts) under the new settings; a scheduled row without a usable log (an import, a seed)
 * keeps its SM-2 state and gets FSRS's from it (Anki's conversion). db/queries/scheduler.ts reads
 * the input under the profile lock and writes the rows.
 */
import type { RescheduleInput, SchedulerChange, ScheduleRewrite } from "@/db/queries/scheduler";
import { addDays, localDate } from "@/lib/dates";
import { type FsrsSettings, fsrsFromSm2 } from "./fsrs";
import { type LoggedAnswer, replayQuestion, statusFor } from "./replay";
import type { Sm2Params } from "./sm2";

export function reschedule(
  input: RescheduleInput,
  change: SchedulerChange,
  p: Sm2Params,
): { rows: ScheduleRewrite[]; replayed: number; converted: number } {
  const fsrs: FsrsSettings = {
    desiredRetention: change.desiredRetention,
    maximumInterval: change.maximumInterval,
    weights: input.fsrsWeights,
  };
  const logs = new Map<string, LoggedAnswer[]>();
  for (const a of input.attempts) {
    const log = logs.get(a.questionId);
    if (log) log.push(a);
    else logs.set(a.questionId, [a]);
  }
  const onFsrs = change.scheduler === "fsrs";
  const rows: ScheduleRewrite[] = [];
  let replayed = 0;
  let converted = 0;
  for (const s of input.schedules) {
    const log = logs.get(s.questionId);
    const r = log ? replayQuestion(log, input.timezone, p, fsrs) : null;
    if (r) {
      replayed++;
      const active = onFsrs ? r.fsrs : { intervalDays: r.sm2.intervalDays, due: r.sm2.due };
      rows.push({
        question_id: s.questionId,
        easiness: r.sm2.easiness,
        interval_days: r.sm2.intervalDays,
        repetitions: r.sm2.repetitions,
        next_review_date: active.due,
        review_status: statusFor(r.sm2, active.intervalDays, p),
        fsrs_stability: r.fsrs.memory.stability,
        fsrs_difficulty: r.fsrs.memory.difficulty,
        fsrs_state: r.fsrs.memory.state,
        fsrs_last_review: r.fsrs.memory.lastReview,
        fsrs_due: r.fsrs.due,
      });
    } else if (s.status !== "new" && s.nextReviewDate) {
      // No usable log: the SM-2 state stands, FSRS's comes from it. The last review is the one
      // recorded, else SM-2's date minus its interval.
      converted++;
      const lastReview =
        s.fsrsLastReview ??
        (s.lastAnsweredAt ? localDate(s.lastAnsweredAt, input.timezone) : addDays(s.nextReviewDate, -s.intervalDays));
      const conv = fsrsFromSm2(s.easiness, Math.max(1, s.intervalDays), lastReview, fsrs);
      const sm2Due = addDays(lastReview, s.intervalDays);
      rows.push({
        question_id: s.questionId,
        easiness: s.easiness,
        interval_days: s.intervalDays,
        repetitions: s.repetitions,
        next_review_date: onFsrs ? conv.due : sm2Due,
        review_status:
          s.status === "learning"
            ? "learning"
            : statusFor({ lapsed: false, repetitions: s.repetitions }, onFsrs ? conv.intervalDays : s.intervalDays, p),
        fsrs_stability: conv.memory.stability,
        fsrs_difficulty: conv.memory.difficulty,
        fsrs_state: conv.memory.state,
        fsrs_last_review: conv.memory.lastReview,
        fsrs_due: conv.due,
      });
    }
  }
  return { rows, replayed, converted };
}
