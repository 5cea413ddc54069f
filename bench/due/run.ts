/**
 * `npm run bench:due`: the due-today query at scale on real PostgreSQL.
 *
 * Builds a database `studyin_bench_due` (on the server of DATABASE_URL, default
 * postgres://postgres@127.0.0.1:5432) with 1,000 students, 1M questions, 1M review_schedules rows
 * and 10M attempts, all with SQL generate_series, then:
 *   - prints EXPLAIN (ANALYZE, BUFFERS) of the app's own due query (db/queries/reviews.ts);
 *   - times it per random student, interleaved with a primary-key lookup on the same table, through
 *     the same client, and prints p50/p99 of both and their ratio.
 *
 * Knobs: BENCH_DUE_STUDENTS (1000), BENCH_DUE_QUESTIONS_PER_STUDENT (1000),
 * BENCH_DUE_ATTEMPTS_PER_QUESTION (10), BENCH_DUE_SAMPLES (3000), BENCH_DUE_REUSE=1 keeps an
 * already generated database.
 */
import os from "node:os";
import postgres from "postgres";

const int = (v: string | undefined, d: number) => (v ? Number.parseInt(v, 10) : d);
const STUDENTS = int(process.env.BENCH_DUE_STUDENTS, 1000);
const PER_STUDENT = int(process.env.BENCH_DUE_QUESTIONS_PER_STUDENT, 1000);
const ATTEMPTS_PER_Q = int(process.env.BENCH_DUE_ATTEMPTS_PER_QUESTION, 10);
const SAMPLES = int(process.env.BENCH_DUE_SAMPLES, 3000);
const REUSE = process.env.BENCH_DUE_REUSE === "1";
const DB_NAME = "studyin_bench_due";
const TODAY = "2026-03-10";

const serverUrl = new URL(process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres");
const adminUrl = new URL(serverUrl);
adminUrl.pathname = "/postgres";
const benchUrl = new URL(serverUrl);
benchUrl.pathname = `/${DB_NAME}`;
// The app modules read DATABASE_URL through lib/env: point them at the bench database.
process.env.DATABASE_URL = benchUrl.toString();

const TABLES = ["questions", "review_schedules", "user_attempts"];
const uid = (expr: string) => `('00000000-0000-4000-8000-' || lpad(to_hex(${expr}), 12, '0'))::uuid`;
const qid = (expr: string) => `('10000000-0000-4000-8000-' || lpad(to_hex(${expr}), 12, '0'))::uuid`;

function elapsed(t0: number) {
  return `${((performance.now() - t0) / 1000).toFixed(1)} s`;
}

async function generate() {
  const admin = postgres(adminUrl.toString(), { max: 1, onnotice: () => {} });
  await admin.unsafe(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  await admin.unsafe(`CREATE DATABASE ${DB_NAME}`);
  await admin.end();

  const { openDatabase } = await import("@/db");
  const h = await openDatabase({ url: benchUrl.toString() }, { migrate: true });
  await h.close();

  const sql = postgres(benchUrl.toString(), { max: 1, onnotice: () => {} });
  await sql.unsafe(`SET synchronous_commit = off; SET maintenance_work_mem = '256MB'; SET max_parallel_maintenance_workers = 2`);
  // Secondary indexes are built once after loading (much faster than maintaining them row by row);
  // FK triggers are off while loading rows that are consistent by construction.
  const defs = await sql<{ indexname: string; indexdef: string }[]>`
    SELECT indexname, indexdef FROM pg_indexes
    WHERE schemaname = 'public' AND tablename IN ${sql(TABLES)}
      AND indexname NOT IN (SELECT conname FROM pg_constraint)`;
  for (const d of defs) await sql.unsafe(`DROP INDEX ${d.indexname}`);
  // The attempts' random-uuid primary key too: 10M random inserts into a btree are the slow part.
  await sql.unsafe(`ALTER TABLE user_attempts DROP CONSTRAINT user_attempts_pkey`);
  for (const t of TABLES) await sql.unsafe(`ALTER TABLE ${t} DISABLE TRIGGER ALL`);

  const total = STUDENTS * PER_STUDENT;
  let t0 = performance.now();
  await sql.unsafe(`
    INSERT INTO users (id, email, name)
    SELECT ${uid("s")}, 'bench-' || s || '@bench.studyin', 'Bench ' || s FROM generate_series(1, ${STUDENTS}) s;
    INSERT INTO user_profiles (user_id, timezone) SELECT ${uid("s")}, 'UTC' FROM generate_series(1, ${STUDENTS}) s;`);

  // Question g belongs to student (g-1)/PER_STUDENT+1. Loaded in slices so progress shows.
  const slice = 100_000;
  for (let from = 1; from <= total; from += slice) {
    const to = Math.min(total, from + slice - 1);
    await sql.unsafe(`
      INSERT INTO questions (id, user_id, topic, difficulty, vignette, lead_in, options, correct_index, explanation, option_explanations)
      SELECT ${qid("g")}, ${uid(`(g - 1) / ${PER_STUDENT} + 1`)},
             (ARRAY['Cardiac conduction','Heart valves','Coronary circulation','Renal physiology'])[1 + g % 4],
             1 + g % 5, 'Case ' || g || ': a patient presents.', 'Which structure is involved?',
             '["A","B","C","D","E"]'::jsonb, g % 5, 'Because of the passage.', '["a","b","c","d","e"]'::jsonb
      FROM generate_series(${from}, ${to}) g;
      INSERT INTO review_schedules (user_id, question_id, easiness, interval_days, repetitions, next_review_date, review_status, last_answered_at)
      SELECT ${uid(`(g - 1) / ${PER_STUDENT} + 1`)}, ${qid("g")},
             1.3 + ((g * 31) % 121) / 100.0,
             CASE WHEN g % 10 = 0 THEN 0 ELSE 1 + (g * 13) % 60 END,
             CASE WHEN g % 10 = 0 THEN 0 ELSE 1 + g % 8 END,
             CASE WHEN g % 10 = 0 THEN NULL ELSE DATE '${TODAY}' + (((g::bigint * 7919) % 91)::int - 30) END,
             CASE g % 10 WHEN 0 THEN 'new' WHEN 1 THEN 'learning' WHEN 2 THEN 'learning' WHEN 3 THEN 'learning'
                         WHEN 8 THEN 'mastered' WHEN 9 THEN 'mastered' ELSE 'reviewing' END,
             CASE WHEN g % 10 = 0 THEN NULL ELSE TIMESTAMPTZ '${TODAY} 12:00Z' - ((g % 30) || ' days')::interval END
      FROM generate_series(${from}, ${to}) g;`);
    process.stdout.write(`\r  questions + schedules: ${to.toLocaleString("en-US")} / ${total.toLocaleString("en-US")} (${elapsed(t0)})`);
  }
  process.stdout.write("\n");

  t0 = performance.now();
  const attempts = total * ATTEMPTS_PER_Q;
  const qSlice = Math.max(1, Math.floor(1_000_000 / ATTEMPTS_PER_Q));
  for (let from = 1; from <= total; from += qSlice) {
    const to = Math.min(total, from + qSlice - 1);
    await sql.unsafe(`
      INSERT INTO user_attempts (user_id, question_id, selected_index, is_correct, confidence, time_taken_seconds, grade,
        xp_earned, easiness_after, interval_after, repetitions_after, next_review_date, review_status_after, answered_at, idempotency_key)
      SELECT ${uid(`(g - 1) / ${PER_STUDENT} + 1`)}, ${qid("g")}, (g + a) % 5, (g + a) % 3 <> 0, 1 + (g + a) % 5,
             5 + (g * a) % 300, CASE WHEN (g + a) % 3 <> 0 THEN 4 ELSE 1 END, 10 + (g + a) % 18,
             2.5, a, a, DATE '${TODAY}' - 300 + a * 25, 'reviewing',
             TIMESTAMPTZ '${TODAY} 12:00Z' - ((${ATTEMPTS_PER_Q} - a) * 25 || ' days')::interval - ((g % 600) || ' minutes')::interval,
             'bench-' || g || '-' || a
      FROM generate_series(${from}, ${to}) g, generate_series(1, ${ATTEMPTS_PER_Q}) a;`);
    const done = Math.min(attempts, to * ATTEMPTS_PER_Q);
    process.stdout.write(`\r  attempts: ${done.toLocaleString("en-US")} / ${attempts.toLocaleString("en-US")} (${elapsed(t0)})`);
  }
  process.stdout.write("\n");

  t0 = performance.now();
  for (const [i, d] of defs.entries()) {
    await sql.unsafe(d.indexdef);
    process.stdout.write(`\r  indexes: ${i + 1} / ${defs.length} (${elapsed(t0)})`);
  }
  process.stdout.write("\n");
  await sql.unsafe(`ALTER TABLE user_attempts ADD CONSTRAINT user_attempts_pkey PRIMARY KEY (id)`);
  console.log(`  primary key on attempts: ${elapsed(t0)}`);
  for (const t of TABLES) await sql.unsafe(`ALTER TABLE ${t} ENABLE TRIGGER ALL`);
  t0 = performance.now();
  await sql.unsafe(`VACUUM ANALYZE`);
  console.log(`  vacuum analyze: ${elapsed(t0)}`);
  await sql.end();
}

function pct(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function measure() {
  const { getDb, closeDb } = await import("@/db");
  const { dueCardsQuery, dueCount } = await import("@/db/queries/reviews");
  const { reviewSchedules } = await import("@/db/schema");
  const { and, eq } = await import("drizzle-orm");
  const db = await getDb();
  const student = (s: number) => `00000000-0000-4000-8000-${s.toString(16).padStart(12, "0")}`;
  const question = (g: number) => `10000000-0000-4000-8000-${g.toString(16).padStart(12, "0")}`;

  const [counts] = await db.execute<{ q: number; s: number; a: number }>(
    // Planner estimates: exact counts of 10M rows would take a while and tell nothing new.
    (await import("drizzle-orm")).sql`SELECT
      (SELECT reltuples::bigint FROM pg_class WHERE relname = 'questions') AS q,
      (SELECT reltuples::bigint FROM pg_class WHERE relname = 'review_schedules') AS s,
      (SELECT reltuples::bigint FROM pg_class WHERE relname = 'user_attempts') AS a`,
  );
  console.log(`\nData (planner estimates): ${Number(counts!.q).toLocaleString("en-US")} questions, ${Number(counts!.s).toLocaleString("en-US")} schedule rows, ${Number(counts!.a).toLocaleString("en-US")} attempts, ${STUDENTS} students`);

  const probe = student(Math.ceil(STUDENTS / 2));
  const q = dueCardsQuery(db, probe, TODAY, 20).toSQL();
  const raw = postgres(benchUrl.toString(), { max: 1, onnotice: () => {} });
  const plan = await raw.unsafe(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`, q.params as never[]);
  console.log(`\nEXPLAIN (ANALYZE, BUFFERS) of the due query (db/queries/reviews.ts dueCardsQuery, first 20 due cards):\n`);
  for (const r of plan) console.log(`  ${r["QUERY PLAN"]}`);
  const due = await dueCount(probe, TODAY);
  console.log(`\n  (that student has ${due} cards due on ${TODAY})`);
  await raw.end();

  const rnd = (n: number) => 1 + Math.floor(Math.random() * n);
  const dueTimes: number[] = [];
  const pkTimes: number[] = [];
  const WARMUP = 200;
  for (let i = 0; i < SAMPLES + WARMUP; i++) {
    const s = rnd(STUDENTS);
    const g = (s - 1) * PER_STUDENT + rnd(PER_STUDENT);
    // Interleaved and alternating first, so cache and connection effects hit both alike.
    const runDue = async () => {
      const t = performance.now();
      await dueCardsQuery(db, student(s), TODAY, 20);
      return performance.now() - t;
    };
    const runPk = async () => {
      const t = performance.now();
      await db
        .select()
        .from(reviewSchedules)
        .where(and(eq(reviewSchedules.userId, student(s)), eq(reviewSchedules.questionId, question(g))));
      return performance.now() - t;
    };
    const [d, p] = i % 2 ? [await runDue(), await runPk()] : await (async () => { const p = await runPk(); return [await runDue(), p]; })();
    if (i >= WARMUP) {
      dueTimes.push(d);
      pkTimes.push(p);
    }
  }
  dueTimes.sort((a, b) => a - b);
  pkTimes.sort((a, b) => a - b);
  const f = (x: number) => `${x.toFixed(3)} ms`;
  console.log(`\nLatency over ${SAMPLES} random students (client-side, through the app's Drizzle client):`);
  console.log(`  due-today query (first 20 cards) p50 ${f(pct(dueTimes, 50))}  p99 ${f(pct(dueTimes, 99))}`);
  console.log(`  primary-key lookup (review_schedules)  p50 ${f(pct(pkTimes, 50))}  p99 ${f(pct(pkTimes, 99))}`);
  console.log(`  ratio p99 due / p99 pk: ${(pct(dueTimes, 99) / pct(pkTimes, 99)).toFixed(2)}x  (goal: <= 5x, p99 < 5 ms)`);
  await closeDb();
}

async function main() {
  console.log(`machine: ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" / ")} (other work on the machine shows in every figure)`);
  const t0 = performance.now();
  if (!REUSE) {
    console.log(`Generating ${DB_NAME}: ${STUDENTS} students x ${PER_STUDENT} questions, ${ATTEMPTS_PER_Q} attempts each`);
    await generate();
    console.log(`Generated in ${elapsed(t0)}`);
  }
  await measure();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
