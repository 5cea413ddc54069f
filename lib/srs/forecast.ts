/**
 * What each scheduler thinks of a question right now: predicted recall today and the interval it
 * would give if the question were answered now, right (confidence 3) or wrong. Pure; it runs the
 * same plan as a real answer (answer.ts), so the page and the answer path cannot disagree.
 */
import type { SchedulerName } from "@/db/schema/profiles";
import { type AnswerPlanInput, planAnswer } from "./answer";
import type { FsrsSettings } from "./fsrs";
import type { Sm2Params } from "./sm2";

export type QuestionForecast = {
  scheduler: SchedulerName;
  /** Already answered today: another answer would be practice and change nothing. */
  answeredToday: boolean;
  recall: { sm2: number | null; fsrs: number | null };
  ifCorrect: { sm2: number; fsrs: number };
  ifWrong: { sm2: number; fsrs: number };
};

export function forecastNow(i: {
  at: Date;
  timeZone: string;
  card: AnswerPlanInput["card"];
  scheduler: SchedulerName;
  fsrs: FsrsSettings;
  sm2: Sm2Params;
}): QuestionForecast {
  const base = { ...i, difficulty: 3, profile: { xp: 0, streak: 0, bestStreak: 0, lastActivityDate: null }, baseXp: 0 };
  const right = planAnswer({ ...base, isCorrect: true, confidence: 3 });
  const wrong = planAnswer({ ...base, isCorrect: false, confidence: 3 });
  return {
    scheduler: i.scheduler,
    answeredToday: right.practice,
    recall: right.forecast.recall,
    ifCorrect: right.forecast.intervals,
    ifWrong: wrong.forecast.intervals,
  };
}
