/**
 * `npm run bench:scheduler`: SM-2 against FSRS-6 (default parameters, retention 0.9) on one shared
 * synthetic memory model (./truth.ts, written from the published FSRS-6 formulas).
 *
 * 1,000 students x 180 days. Each student meets 5 new questions a day for the first 100 days
 * (500 questions) and answers every question their scheduler says is due, every day. Each run
 * uses the same students, questions and random seed; only the scheduler differs. The schedulers are
 * the app's own code (lib/srs: SM-2's grade table and reviewCard; the rating map and ts-fsrs).
 *
 * The student: their true parameters are FSRS-6's defaults with per-student noise (initial
 * stabilities x e^N(0,0.3), growth w8 x e^N(0,0.15), lapse w11 x e^N(0,0.2), decay w20 x e^N(0,0.2)
 * within 0.1-0.8); each question has a difficulty offset N(0, 1.5). An answer: recalled with the
 * true probability R; otherwise a guess among 5 options (correct 1 time in 5, confidence 1-2); a
 * wrong answer's confidence is uniform 1-5 (misconceptions are confident); a recalled answer's
 * confidence grows with R (plus noise). Memory then moves by the true grade: Again if not
 * recalled (a lucky guess teaches nothing), else Hard/Good/Easy by confidence. A question's first
 * answer is an encounter: recalled with probability 0.5 (the student read the material).
 *
 * Prints per scheduler: reviews per student per day (first encounters excluded, they are the same
 * in both runs), the true recall probability at review time, the expected share of the student's
 * questions recalled on day 180, log loss and RMSE(bins) of the scheduler's predictions against the
 * simulated outcomes, and the FSRS / SM-2 ratio of each.
 *
 * Knobs: BENCH_STUDENTS (1000), BENCH_DAYS (180), BENCH_NEW_PER_DAY (5), BENCH_NEW_DAYS (100),
 * BENCH_SEED (20261128).
 */
import { default_w } from "ts-fsrs";
import { DEFAULT_FSRS_SETTINGS, type FsrsMemory, fsrsRecall, fsrsReview } from "@/lib/srs/fsrs";
import { gradeAnswer } from "@/lib/srs/grade";
import { type Scored, logLoss, rmseBins, sm2Recall } from "@/lib/srs/predict";
import { ratingForAnswer } from "@/lib/srs/rating";
import { addDays } from "@/lib/dates";
import { type Sm2State, initialState, reviewCard } from "@/lib/srs/sm2";
import { type TrueMemory, clamp, learn, recall } from "./truth";

const int = (v: string | undefined, d: number) => (v ? Number.parseInt(v, 10) : d);
const STUDENTS = int(process.env.BENCH_STUDENTS, 1000);
const DAYS = int(process.env.BENCH_DAYS, 180);
const NEW_PER_DAY = int(process.env.BENCH_NEW_PER_DAY, 5);
const NEW_DAYS = Math.min(DAYS, int(process.env.BENCH_NEW_DAYS, 100));
const SEED = int(process.env.BENCH_SEED, 20261128);
const SM2 = { minEasiness: 1.3, maxEasiness: 2.5, initialEasiness: 2.5, initialInterval: 1, secondInterval: 6, masteredIntervalDays: 21 };
const START = "2026-01-01";
const ISO = Array.from({ length: DAYS + 1 }, (_, d) => addDays(START, d));

/** mulberry32: small, fast, seedable. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function normal(r: () => number) {
  return Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
}

type Student = { w: number[]; dOffsets: number[] };

function makeStudent(i: number): Student {
  const r = rng(SEED * 7919 + i);
  const w = [...default_w];
  const init = Math.exp(0.3 * normal(r));
  for (let k = 0; k < 4; k++) w[k] = w[k]! * init * Math.exp(0.1 * normal(r));
  w[8] = w[8]! * Math.exp(0.15 * normal(r));
  w[11] = w[11]! * Math.exp(0.2 * normal(r));
  w[20] = clamp(w[20]! * Math.exp(0.2 * normal(r)), 0.1, 0.8);
  const n = NEW_PER_DAY * NEW_DAYS;
  return { w, dOffsets: Array.from({ length: n }, () => 1.5 * normal(r)) };
}

type Totals = { reviews: number; recallAtReview: number; day180: number; questions: number; scored: Scored[] };

type Scheduler = {
  name: string;
  /** Predicted recall before a review (null on a first encounter), then the update: the next due day. */
  predict(q: number, day: number): number | null;
  answer(q: number, day: number, correct: boolean, confidence: number): number;
};

function sm2Scheduler(n: number): Scheduler {
  const state: (Sm2State & { last: number })[] = new Array(n);
  return {
    name: "SM-2",
    predict: (q, day) => (state[q] ? sm2Recall(day - state[q].last, state[q].intervalDays) : null),
    answer(q, day, correct, confidence) {
      const next = reviewCard(state[q] ?? initialState(SM2), gradeAnswer(correct, confidence), SM2);
      state[q] = { ...next, last: day };
      return day + next.intervalDays;
    },
  };
}

function fsrsScheduler(n: number): Scheduler {
  const mem: FsrsMemory[] = new Array(n);
  return {
    name: "FSRS-6",
    predict: (q, day) => (mem[q] ? fsrsRecall(mem[q], ISO[day]!, DEFAULT_FSRS_SETTINGS) : null),
    answer(q, day, correct, confidence) {
      const step = fsrsReview(mem[q] ?? null, ratingForAnswer(correct, confidence), ISO[day]!, DEFAULT_FSRS_SETTINGS);
      mem[q] = step.memory;
      return day + step.intervalDays;
    },
  };
}

function simulate(make: (n: number) => Scheduler): Totals & { name: string } {
  const t: Totals = { reviews: 0, recallAtReview: 0, day180: 0, questions: 0, scored: [] };
  let name = "";
  for (let i = 0; i < STUDENTS; i++) {
    const st = makeStudent(i);
    const n = st.dOffsets.length;
    const sched = make(n);
    name = sched.name;
    const r = rng(SEED * 104729 + i);
    const truth: (TrueMemory | null)[] = new Array(n).fill(null);
    const due: number[][] = Array.from({ length: DAYS }, () => []);
    for (let day = 0; day < DAYS; day++) {
      const today = due[day]!;
      if (day < NEW_DAYS) for (let k = 0; k < NEW_PER_DAY; k++) today.push(day * NEW_PER_DAY + k);
      for (const q of today) {
        const m = truth[q];
        const R = m ? recall(st.w, day - m.last, m.s) : 0.5;
        const recalled = r() < R;
        let correct = recalled;
        let confidence: number;
        if (recalled) {
          const u = R + 0.1 * normal(r);
          confidence = u > 0.97 ? 5 : u > 0.88 ? 4 : u > 0.7 ? 3 : 2;
        } else if (r() < 0.2) {
          correct = true;
          confidence = r() < 0.7 ? 1 : 2;
        } else {
          confidence = 1 + Math.floor(r() * 5);
        }
        const p = sched.predict(q, day);
        if (m && p !== null) {
          t.reviews++;
          t.recallAtReview += R;
          t.scored.push({ p, y: correct });
        }
        const trueGrade = !recalled ? 1 : confidence >= 5 ? 4 : confidence >= 3 ? 3 : 2;
        truth[q] = learn(st.w, m ?? null, trueGrade, day, st.dOffsets[q]!);
        const next = sched.answer(q, day, correct, confidence);
        if (next < DAYS) due[next]!.push(q);
      }
    }
    for (const m of truth) {
      if (!m) continue;
      t.questions++;
      t.day180 += recall(st.w, DAYS - m.last, m.s);
    }
  }
  return { ...t, name };
}

function main() {
  const started = Date.now();
  console.log(
    `bench:scheduler: ${STUDENTS} students x ${DAYS} days, ${NEW_PER_DAY} new questions/day for ${NEW_DAYS} days, seed ${SEED}`,
  );
  const runs = [simulate(sm2Scheduler), simulate(fsrsScheduler)];
  const rows = runs.map((x) => ({
    name: x.name,
    perDay: x.reviews / (STUDENTS * DAYS),
    retention: x.recallAtReview / x.reviews,
    day180: x.day180 / x.questions,
    logLoss: logLoss(x.scored),
    rmse: rmseBins(x.scored),
    recalledPerReview: x.day180 / x.reviews,
  }));
  const [s, f] = rows as [(typeof rows)[0], (typeof rows)[0]];
  const line = (label: string, key: keyof (typeof rows)[0], digits: number) =>
    console.log(
      `${label.padEnd(44)} ${(s[key] as number).toFixed(digits).padStart(9)} ${(f[key] as number).toFixed(digits).padStart(9)} ${((f[key] as number) / (s[key] as number)).toFixed(3).padStart(9)}`,
    );
  console.log(`${"".padEnd(44)} ${"SM-2".padStart(9)} ${"FSRS-6".padStart(9)} ${"FSRS/SM-2".padStart(9)}`);
  line("reviews per student per day", "perDay", 2);
  line("true recall probability at review time", "retention", 3);
  line(`share of questions recalled on day ${DAYS}`, "day180", 3);
  line("log loss of the scheduler's predictions", "logLoss", 3);
  line("RMSE(bins) of the scheduler's predictions", "rmse", 3);
  line(`questions recalled on day ${DAYS} per review done`, "recalledPerReview", 4);
  console.log(`(${runs[0]!.reviews.toLocaleString("en-US")} and ${runs[1]!.reviews.toLocaleString("en-US")} reviews; ${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

main();
