/**
 * FSRS-6 through ts-fsrs, on Studyin's calendar. Pure; no hand-written FSRS here: scheduling,
 * replay and the forgetting curve are ts-fsrs's, only the SM-2 conversion is a published formula.
 *
 * Calendar: Studyin schedules by the student's local date, not by instant. ts-fsrs counts elapsed
 * days between UTC dates, so every local date YYYY-MM-DD is handed to it as YYYY-MM-DDT12:00Z
 * (`dayInstant`): elapsed days are then whole local days whatever the time zone, and a due instant
 * maps back to a local date by its UTC date. Short-term scheduling is off (`enable_short_term:
 * false`): a question comes back on a later day, never within the day, as under SM-2, and a
 * second answer on the same day is practice (lib/srs/answer.ts) under both schedulers. Fuzz is off
 * so a replay is exact and tests are repeatable.
 */
import { type Card, type FSRS, type Grade, State, createEmptyCard, default_w, forgetting_curve, fsrs, generatorParameters } from "ts-fsrs";
import { addDays, daysBetween } from "@/lib/dates";

export type FsrsSettings = {
  desiredRetention: number;
  maximumInterval: number;
  /** The student's fitted parameters; null uses ts-fsrs's FSRS-6 defaults. */
  weights: readonly number[] | null;
};

export const DEFAULT_FSRS_SETTINGS: FsrsSettings = { desiredRetention: 0.9, maximumInterval: 36500, weights: null };

/** A question's FSRS memory state after its last review (a local date). */
export type FsrsMemory = { stability: number; difficulty: number; state: State; lastReview: string };
export type FsrsStep = { memory: FsrsMemory; intervalDays: number; due: string };

/** The FSRS columns of a schedule row as a memory state, or null when the row has none yet. */
export function storedFsrs(row: {
  fsrsStability: number | null;
  fsrsDifficulty: number | null;
  fsrsState: number | null;
  fsrsLastReview: string | null;
  fsrsDue: string | null;
}): (FsrsMemory & { due: string }) | null {
  const { fsrsStability: stability, fsrsDifficulty: difficulty, fsrsState: state, fsrsLastReview: lastReview, fsrsDue: due } = row;
  if (stability === null || difficulty === null || state === null || !lastReview || !due) return null;
  return { stability, difficulty, state, lastReview, due };
}

export const dayInstant = (isoDate: string) => new Date(`${isoDate}T12:00:00.000Z`);
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

export const weightsOf = (s: FsrsSettings): readonly number[] => s.weights ?? default_w;

const schedulers = new Map<string, FSRS>();

/** One ts-fsrs scheduler per distinct settings (parameter checks and clipping run once). */
export function fsrsScheduler(s: FsrsSettings): FSRS {
  const key = `${s.desiredRetention}|${s.maximumInterval}|${s.weights?.join(",") ?? "default"}`;
  let f = schedulers.get(key);
  if (!f) {
    if (schedulers.size > 256) schedulers.clear();
    f = fsrs(
      generatorParameters({
        request_retention: s.desiredRetention,
        maximum_interval: s.maximumInterval,
        w: s.weights ? [...s.weights] : undefined,
        enable_fuzz: false,
        enable_short_term: false,
      }),
    );
    schedulers.set(key, f);
  }
  return f;
}

function cardOf(m: FsrsMemory): Card {
  const last = dayInstant(m.lastReview);
  return {
    due: last,
    stability: m.stability,
    difficulty: m.difficulty,
    elapsed_days: 0,
    scheduled_days: 0,
    learning_steps: 0,
    reps: 1,
    lapses: 0,
    state: m.state,
    last_review: last,
  };
}

/**
 * ts-fsrs keeps Hard < Good < Easy by pushing the later ones past `maximum_interval` (Easy can
 * come out two days over it); the student's maximum is a promise, so the interval is capped here.
 */
function stepOf(card: Card, today: string, s: FsrsSettings): FsrsStep {
  const intervalDays = Math.min(s.maximumInterval, daysBetween(today, isoDay(card.due)));
  return {
    memory: { stability: card.stability, difficulty: card.difficulty, state: card.state, lastReview: today },
    intervalDays,
    due: addDays(today, intervalDays),
  };
}

/** One review on `today` (local date): the new memory state and FSRS's next date. */
export function fsrsReview(memory: FsrsMemory | null, rating: Grade, today: string, s: FsrsSettings): FsrsStep {
  const now = dayInstant(today);
  const { card } = fsrsScheduler(s).next(memory ? cardOf(memory) : createEmptyCard(now), now, rating);
  return stepOf(card, today, s);
}

/** FSRS's probability of recall on `today` (the power forgetting curve with the student's decay). */
export function fsrsRecall(memory: FsrsMemory, today: string, s: FsrsSettings): number {
  return forgetting_curve(weightsOf(s), Math.max(0, daysBetween(memory.lastReview, today)), memory.stability);
}

/** The interval FSRS gives a memory of this stability at the desired retention. */
export function fsrsInterval(stability: number, s: FsrsSettings): number {
  return fsrsScheduler(s).next_interval(stability, 0);
}

/**
 * Replays one question's reviews (local dates, time order, one per day) through ts-fsrs's
 * `reschedule`, from a new card: the state after each review.
 */
export function replayFsrs(reviews: { date: string; rating: Grade }[], s: FsrsSettings): FsrsStep[] {
  if (!reviews.length) return [];
  const f = fsrsScheduler(s);
  const first = dayInstant(reviews[0]!.date);
  const { collections } = f.reschedule(
    createEmptyCard(first),
    reviews.map((r) => ({ rating: r.rating, review: dayInstant(r.date) })),
    { skipManual: true, now: dayInstant(reviews[reviews.length - 1]!.date) },
  );
  return collections.map((item, i) => stepOf(item.card, reviews[i]!.date, s));
}

/**
 * The memory state of a question known only by its SM-2 ease and interval: the conversion Anki
 * uses (fsrs-rs `memory_state_from_sm2`). Assuming SM-2 scheduled the question when recall had
 * fallen to `sm2Retention` (0.9), stability is the time at which the student's forgetting curve
 * reaches that retention:
 *   S = interval * (0.9^(-1/w20) - 1) / (r^(-1/w20) - 1)            (S = interval at r = 0.9)
 * and difficulty is the one at which FSRS's stability gain after a successful review at that
 * retention equals the ease (S'/S = EF):
 *   D = 11 - (EF - 1) / (e^w8 * S^(-w9) * (e^(w10 (1 - r)) - 1)),  clamped to [1, 10].
 * The binding's `memoryStateFromSM2` computes the same; fsrs.test.ts checks both against the
 * reference implementation's test values.
 */
export function memoryFromSm2(easeFactor: number, intervalDays: number, weights: readonly number[], sm2Retention = 0.9) {
  if (!(sm2Retention > 0 && sm2Retention < 1)) throw new RangeError(`sm2Retention must be in (0, 1), got ${sm2Retention}`);
  const decay = weights[20]!;
  const stability = (Math.max(intervalDays, 0.001) * (Math.pow(0.9, -1 / decay) - 1)) / (Math.pow(sm2Retention, -1 / decay) - 1);
  const gain = Math.exp(weights[8]!) * Math.pow(stability, -weights[9]!) * Math.expm1((1 - sm2Retention) * weights[10]!);
  const difficulty = Math.min(10, Math.max(1, 11 - (easeFactor - 1) / gain));
  return { stability, difficulty };
}

/** A question with SM-2 state but no usable log: its FSRS state, last reviewed on `lastReview`. */
export function fsrsFromSm2(easeFactor: number, intervalDays: number, lastReview: string, s: FsrsSettings): FsrsStep {
  const { stability, difficulty } = memoryFromSm2(easeFactor, intervalDays, weightsOf(s));
  const intervalDaysFsrs = fsrsInterval(stability, s);
  return {
    memory: { stability, difficulty, state: State.Review, lastReview },
    intervalDays: intervalDaysFsrs,
    due: addDays(lastReview, intervalDaysFsrs),
  };
}
