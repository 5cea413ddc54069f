/**
 * The review's response types, as actions, routes and components see them (components never
 * import db/**; the row shapes that come straight from a query are re-exported here).
 */
import type { Forecast } from "./answer";
import type { ExamPlan } from "./exam";
import type { Fit } from "./predict";
import type { Citation } from "@/db/queries/attempts";
import type { ReviewStatus } from "@/db/schema/srs";

export type { Citation } from "@/db/queries/attempts";
export type { SessionSource, StudyCard } from "@/db/queries/reviews";
export type { SchedulerName } from "@/db/schema/profiles";
export { REVIEW_STATUSES, type ReviewStatus } from "@/db/schema/srs";
export type { Forecast } from "./answer";

export type AnswerInput = {
  questionId: string;
  selectedIndex: number;
  confidence: number;
  timeTakenSeconds: number;
  idempotencyKey: string;
};

export type AnswerOutcome = {
  attemptId: string;
  questionId: string;
  /** True when this submit repeated an earlier one (same idempotency key): nothing new was recorded. */
  replayed: boolean;
  /** A second answer to this question today: recorded, no XP, schedule unchanged (lib/srs/answer.ts). */
  practice: boolean;
  isCorrect: boolean;
  selectedIndex: number;
  correctIndex: number;
  confidence: number;
  grade: number;
  xpEarned: number;
  /** The interval the student's scheduler chose (days from the answer's local date). */
  intervalDays: number;
  nextReviewDate: string;
  reviewStatus: ReviewStatus;
  /** Predicted recall before the answer and each scheduler's interval; null on a replayed submit. */
  forecast: Forecast | null;
  options: string[];
  explanation: string;
  optionExplanations: string[];
  citation: Citation;
  profile: { xp: number; level: number; streak: number; bestStreak: number };
};

/** The plan toward the student's exam and the reviews forecast until it (the dashboard's card). */
export type ExamOutlook = { plan: ExamPlan; forecast: { day: string; reviews: number }[] };

/** How well each scheduler predicts the student's own answers (the settings page's chart). */
export type SchedulerReport = {
  reviews: number;
  /** Reviews that moved a schedule, practice excluded; the optimizer's threshold counts these. */
  scheduledReviews: number;
  sm2: Fit;
  fsrs: Fit;
  /** With the student's fitted parameters, when they have some (in-sample: fitted on these reviews). */
  fsrsFitted: Fit | null;
  minReviewsToFit: number;
  fittedOn: number | null;
};
