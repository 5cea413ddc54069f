/**
 * What to study: the due list, new questions, collection sessions, and the numbers the dashboard
 * and the session summary show. "Today" is always the student's local date, computed by the caller.
 *
 * The due list reads review_schedules through review_schedules_due_idx (user_id, next_review_date)
 * WHERE review_status IN ('learning','reviewing','mastered'): the predicate below repeats the
 * index's so the planner can use it, and a range scan finds the student's due rows.
 */
import "server-only";
import { and, asc, count, eq, gt, lte, notInArray, sql } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { collectionQuestions, collections, materials, questions, reviewSchedules, userAttempts, userProfiles } from "@/db/schema";

/**
 * The due index's predicate, written as literals: with bind parameters a cached generic plan could
 * not prove the partial index applies and would fall back to scanning all of the student's rows.
 */
const scheduled = sql`${reviewSchedules.reviewStatus} IN ('learning', 'reviewing', 'mastered')`;

/** What the card shows before an answer: never the correct option or the explanations. */
export type StudyCard = {
  id: string;
  topic: string;
  difficulty: number;
  vignette: string;
  leadIn: string;
  options: string[];
  materialTitle: string | null;
  /** The card's review date, when it has one (overdue cards show how late they are). */
  dueDate: string | null;
};

export type SessionSource = { kind: "due" } | { kind: "new" } | { kind: "collection"; collectionId: string };

const cardColumns = {
  id: questions.id,
  topic: questions.topic,
  difficulty: questions.difficulty,
  vignette: questions.vignette,
  leadIn: questions.leadIn,
  options: questions.options,
  materialTitle: materials.title,
};

const dueWhere = (userId: string, today: string) =>
  and(
    eq(reviewSchedules.userId, userId),
    scheduled,
    lte(reviewSchedules.nextReviewDate, today),
    eq(questions.retired, false),
  );

/** Due today or earlier, overdue first, then hardest (lowest easiness) first. */
export async function dueCards(userId: string, today: string, limit = 1): Promise<StudyCard[]> {
  return dueCardsQuery(await getDb(), userId, today, limit);
}

/** The due-list query itself (bench/due prints its plan and times it). */
export function dueCardsQuery(db: Db, userId: string, today: string, limit: number) {
  return db
    .select({ ...cardColumns, dueDate: reviewSchedules.nextReviewDate })
    .from(reviewSchedules)
    .innerJoin(questions, eq(questions.id, reviewSchedules.questionId))
    .leftJoin(materials, eq(materials.id, questions.materialId))
    .where(dueWhere(userId, today))
    .orderBy(asc(reviewSchedules.nextReviewDate), asc(reviewSchedules.easiness), asc(reviewSchedules.questionId))
    .limit(limit);
}

export async function dueCount(userId: string, today: string): Promise<number> {
  const db = await getDb();
  const [r] = await db
    .select({ n: count() })
    .from(reviewSchedules)
    .innerJoin(questions, eq(questions.id, reviewSchedules.questionId))
    .where(dueWhere(userId, today));
  return r?.n ?? 0;
}

/** The earliest review date after `today`, or null when nothing is scheduled. */
export async function nextReviewDate(userId: string, today: string): Promise<string | null> {
  const db = await getDb();
  const [r] = await db
    .select({ d: reviewSchedules.nextReviewDate })
    .from(reviewSchedules)
    .innerJoin(questions, eq(questions.id, reviewSchedules.questionId))
    .where(
      and(
        eq(reviewSchedules.userId, userId),
        scheduled,
        gt(reviewSchedules.nextReviewDate, today),
        eq(questions.retired, false),
      ),
    )
    .orderBy(asc(reviewSchedules.nextReviewDate))
    .limit(1);
  return r?.d ?? null;
}

/** Never-answered questions (no schedule yet, or still 'new'), oldest first. */
function newWhere(userId: string, exclude: string[]) {
  return and(
    eq(questions.userId, userId),
    eq(questions.retired, false),
    sql`NOT EXISTS (SELECT 1 FROM ${reviewSchedules} rs WHERE rs.user_id = ${userId} AND rs.question_id = ${questions.id} AND rs.review_status <> 'new')`,
    exclude.length ? notInArray(questions.id, exclude) : undefined,
  );
}

export async function newCards(userId: string, limit: number, exclude: string[] = []): Promise<StudyCard[]> {
  const db = await getDb();
  return db
    .select({ ...cardColumns, dueDate: sql<string | null>`null` })
    .from(questions)
    .leftJoin(materials, eq(materials.id, questions.materialId))
    .where(newWhere(userId, exclude))
    .orderBy(asc(questions.createdAt), asc(questions.id))
    .limit(limit);
}

export async function newCount(userId: string, exclude: string[] = []): Promise<number> {
  const db = await getDb();
  const [r] = await db.select({ n: count() }).from(questions).where(newWhere(userId, exclude));
  return r?.n ?? 0;
}

/** The collection, if it is this student's (another student's collection is simply not found). */
export async function findCollection(userId: string, collectionId: string) {
  const db = await getDb();
  const [c] = await db
    .select({ id: collections.id, name: collections.name })
    .from(collections)
    .where(and(eq(collections.id, collectionId), eq(collections.userId, userId)));
  return c ?? null;
}

/**
 * A collection studied as a session: each question once, skipping those answered in this session
 * (`exclude`); due cards first (overdue first, then hardest), then new ones, then the rest by date.
 */
export async function collectionCards(userId: string, collectionId: string, exclude: string[], limit = 1) {
  const db = await getDb();
  const where = and(
    eq(collectionQuestions.collectionId, collectionId),
    eq(collections.userId, userId),
    eq(questions.userId, userId),
    eq(questions.retired, false),
    exclude.length ? notInArray(questions.id, exclude) : undefined,
  );
  const base = db
    .select({ ...cardColumns, dueDate: reviewSchedules.nextReviewDate })
    .from(collectionQuestions)
    .innerJoin(collections, eq(collections.id, collectionQuestions.collectionId))
    .innerJoin(questions, eq(questions.id, collectionQuestions.questionId))
    .leftJoin(materials, eq(materials.id, questions.materialId))
    .leftJoin(reviewSchedules, and(eq(reviewSchedules.questionId, questions.id), eq(reviewSchedules.userId, userId)))
    .where(where);
  const [cards, [total]] = await Promise.all([
    base
      .orderBy(
        sql`${reviewSchedules.nextReviewDate} ASC NULLS LAST`,
        asc(reviewSchedules.easiness),
        asc(collectionQuestions.addedAt),
        asc(questions.id),
      )
      .limit(limit),
    db
      .select({ n: count() })
      .from(collectionQuestions)
      .innerJoin(collections, eq(collections.id, collectionQuestions.collectionId))
      .innerJoin(questions, eq(questions.id, collectionQuestions.questionId))
      .where(where),
  ]);
  return { cards: cards as StudyCard[], remaining: total?.n ?? 0 };
}

/** The next card of a session and how many remain (the current one included). */
export async function nextSessionCard(
  userId: string,
  source: SessionSource,
  today: string,
  exclude: string[],
): Promise<{ card: StudyCard | null; remaining: number }> {
  if (source.kind === "collection") {
    const { cards, remaining } = await collectionCards(userId, source.collectionId, exclude);
    return { card: cards[0] ?? null, remaining };
  }
  if (source.kind === "new") {
    const [cards, remaining] = await Promise.all([newCards(userId, 1, exclude), newCount(userId, exclude)]);
    return { card: cards[0] ?? null, remaining };
  }
  // Due cards leave the list once answered (their next date moves past today), so no exclusions.
  const [cards, remaining] = await Promise.all([dueCards(userId, today, 1), dueCount(userId, today)]);
  return { card: cards[0] ?? null, remaining };
}

export type DashboardStats = {
  xp: number;
  level: number;
  streak: number;
  bestStreak: number;
  lastActivityDate: string | null;
  timezone: string;
  totalAnswered: number;
  totalCorrect: number;
  dueToday: number;
  answeredToday: number;
  recent: { answered: number; correct: number };
};

/** Attempts answered on `today` in the student's zone, and accuracy over the last `recentDays` days. */
export async function dashboardStats(userId: string, today: string, at: Date, recentDays = 7): Promise<DashboardStats | null> {
  const db = await getDb();
  const [profile] = await db.select().from(userProfiles).where(eq(userProfiles.userId, userId));
  if (!profile) return null;
  // Bounded by the recent-attempts index; the local date test is exact for the student's zone.
  const since = new Date(at.getTime() - (recentDays + 1) * 86_400_000);
  const [agg] = await db
    .select({
      today: sql<number>`count(*) FILTER (WHERE (${userAttempts.answeredAt} AT TIME ZONE ${profile.timezone})::date = ${today}::date)::int`,
      recent: sql<number>`count(*) FILTER (WHERE (${userAttempts.answeredAt} AT TIME ZONE ${profile.timezone})::date > ${today}::date - ${recentDays}::int)::int`,
      recentCorrect: sql<number>`count(*) FILTER (WHERE ${userAttempts.isCorrect} AND (${userAttempts.answeredAt} AT TIME ZONE ${profile.timezone})::date > ${today}::date - ${recentDays}::int)::int`,
    })
    .from(userAttempts)
    .where(and(eq(userAttempts.userId, userId), gt(userAttempts.answeredAt, since), lte(userAttempts.answeredAt, at)));
  return {
    xp: profile.xp,
    level: profile.level,
    streak: profile.streak,
    bestStreak: profile.bestStreak,
    lastActivityDate: profile.lastActivityDate,
    timezone: profile.timezone,
    totalAnswered: profile.totalQuestionsAnswered,
    totalCorrect: profile.totalCorrectAnswers,
    dueToday: await dueCount(userId, today),
    answeredToday: agg?.today ?? 0,
    recent: { answered: agg?.recent ?? 0, correct: agg?.recentCorrect ?? 0 },
  };
}

/** The student's time zone (UTC when the profile is missing). */
export async function profileTimezone(userId: string): Promise<string> {
  const db = await getDb();
  const [p] = await db.select({ tz: userProfiles.timezone }).from(userProfiles).where(eq(userProfiles.userId, userId));
  return p?.tz ?? "UTC";
}

