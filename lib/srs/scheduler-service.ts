/**
 * The scheduler service: what the settings page, the question page and analytics call. Switching
 * and fitting go through one transaction (db/queries/scheduler.ts); evaluation replays the log.
 */
import "server-only";
import type { SchedulerReport } from "./types";
import {
  type SchedulerChange,
  type SchedulerChangeResult,
  applySchedulerChange as writeSchedulerChange,
  attemptLog,
  questionScheduleState,
  schedulerProfile,
} from "@/db/queries/scheduler";
import { AppError, notFound } from "@/lib/errors";
import { sm2Params } from "./config";
import { type QuestionForecast, forecastNow } from "./forecast";
import { DEFAULT_FSRS_SETTINGS, type FsrsSettings, storedFsrs } from "./fsrs";
import { fitOf } from "./predict";
import { ratingForAnswer } from "./rating";
import { type LoggedAnswer, type ReviewPrediction, replayQuestion } from "./replay";
import { type SchedulerSettingsInput, fsrsSettingsOf } from "./settings";
import { daysBetween, localDate } from "@/lib/dates";
import { reschedule } from "./reschedule";

/** Reviews (answers that moved a schedule) before the optimizer is offered. */
export const MIN_REVIEWS_TO_FIT = 300;

/** Switches or retunes the scheduler: one transaction replays the log under the new settings. */
export async function applySchedulerChange(userId: string, change: SchedulerChange): Promise<SchedulerChangeResult> {
  const p = sm2Params();
  const result = await writeSchedulerChange(userId, change, (input) => reschedule(input, change, p));
  if (!result) throw notFound("Your profile");
  return result;
}

export async function saveSchedulerSettings(userId: string, input: SchedulerSettingsInput): Promise<SchedulerChangeResult> {
  return applySchedulerChange(userId, input);
}

/** Forgets fitted parameters (back to ts-fsrs's defaults) and replays. */
export async function resetFsrsParameters(userId: string): Promise<SchedulerChangeResult> {
  const p = await schedulerProfile(userId);
  if (!p) throw notFound("Your profile");
  return applySchedulerChange(userId, { ...p, fitted: { weights: null, reviews: null } });
}

function groupByQuestion(log: (LoggedAnswer & { questionId: string })[]) {
  const by = new Map<string, LoggedAnswer[]>();
  for (const a of log) {
    const l = by.get(a.questionId);
    if (l) l.push(a);
    else by.set(a.questionId, [a]);
  }
  return by;
}

/** Per question, the reviews as the optimizer sees them: rating and days since the previous one. */
function reviewHistories(log: (LoggedAnswer & { questionId: string })[], timeZone: string) {
  const out: { rating: number; deltaT: number }[][] = [];
  for (const answers of groupByQuestion(log).values()) {
    const h: { rating: number; deltaT: number }[] = [];
    let last: string | null = null;
    for (const a of answers) {
      const day = localDate(a.answeredAt, timeZone);
      if (day === last) continue; // practice: not a review (see answer.ts)
      h.push({ rating: ratingForAnswer(a.isCorrect, a.confidence), deltaT: last ? daysBetween(last, day) : 0 });
      last = day;
    }
    out.push(h);
  }
  return out;
}

export async function fitFsrsParameters(userId: string): Promise<SchedulerChangeResult & { reviews: number; weights: number[] }> {
  const p = await schedulerProfile(userId);
  if (!p) throw notFound("Your profile");
  const histories = reviewHistories(await attemptLog(userId), p.timezone);
  const reviews = histories.reduce((n, h) => n + h.length, 0);
  if (reviews < MIN_REVIEWS_TO_FIT)
    throw new AppError("validation", `Fitting needs at least ${MIN_REVIEWS_TO_FIT} reviews; you have ${reviews}.`);
  // Native (napi-rs) module: loaded only here, so nothing else depends on it being present.
  const { FSRSBindingItem, FSRSBindingReview, computeParameters } = await import("@open-spaced-repetition/binding");
  const items = [];
  for (const h of histories)
    for (let i = 1; i < h.length; i++)
      items.push(new FSRSBindingItem(h.slice(0, i + 1).map((r) => new FSRSBindingReview(r.rating, r.deltaT))));
  const weights = await computeParameters(items, { enableShortTerm: false, timeout: 30_000 });
  if (weights.length !== 21 || !weights.every(Number.isFinite))
    throw new AppError("internal", "The optimizer returned no usable parameters; your defaults are kept.");
  const result = await applySchedulerChange(userId, { ...p, fitted: { weights, reviews } });
  return { ...result, reviews, weights };
}


/**
 * "How well does your scheduler predict you?": every review after a question's first, predicted
 * by each scheduler from the state before it (replay in time order), scored against the outcome.
 */
export async function schedulerReport(userId: string): Promise<SchedulerReport> {
  const p = await schedulerProfile(userId);
  if (!p) throw notFound("Your profile");
  const byQuestion = groupByQuestion(await attemptLog(userId));
  const run = (s: FsrsSettings) => {
    const preds: ReviewPrediction[] = [];
    let scheduled = 0;
    for (const log of byQuestion.values()) {
      const r = replayQuestion(log, p.timezone, sm2Params(), s);
      if (!r) continue;
      scheduled += r.reviews;
      preds.push(...r.predictions);
    }
    return { preds, scheduled };
  };
  const base = run({ ...DEFAULT_FSRS_SETTINGS, desiredRetention: p.desiredRetention, maximumInterval: p.maximumInterval });
  const fitted = p.fsrsWeights ? run(fsrsSettingsOf(p)).preds : null;
  return {
    reviews: base.preds.length,
    scheduledReviews: base.scheduled,
    sm2: fitOf(base.preds.map((x) => ({ p: x.sm2, y: x.recalled }))),
    fsrs: fitOf(base.preds.map((x) => ({ p: x.fsrs, y: x.recalled }))),
    fsrsFitted: fitted ? fitOf(fitted.map((x) => ({ p: x.fsrs, y: x.recalled }))) : null,
    minReviewsToFit: MIN_REVIEWS_TO_FIT,
    fittedOn: p.fsrsWeightsReviews,
  };
}

/** The question page's forecast: predicted recall now and each scheduler's next interval. */
export async function questionForecast(userId: string, questionId: string, at: Date): Promise<QuestionForecast | null> {
  const row = await questionScheduleState(userId, questionId);
  if (!row) return null;
  const c = row.card;
  const card = c
    ? {
        ...c,
        fsrs: storedFsrs(c),
      }
    : { easiness: sm2Params().initialEasiness, intervalDays: 0, repetitions: 0 };
  return forecastNow({
    at,
    timeZone: row.profile.timezone,
    card,
    scheduler: row.profile.scheduler,
    fsrs: fsrsSettingsOf(row.profile),
    sm2: sm2Params(),
  });
}
