/**
 * `npm run bench:answer`: N concurrent simulated students answering through the real server.
 *
 * 1. Creates `studyin_bench_answer` on the server of DATABASE_URL (default
 *    postgres://postgres@127.0.0.1:5432), migrates it, and seeds N students with questions.
 * 2. `next build` into .next-bench-answer, then `next start` on a free port against that database,
 *    with an AUTH_SECRET the bench knows: each student's session cookie is minted with Auth.js's
 *    own `encode` (what the sign-in flow sets), so the server checks real sessions.
 * 3. For BENCH_ANSWER_SECONDS (30) every student submits answers back to back to
 *    POST /api/questions/:id/answer (the same service as the answer action: one transaction with
 *    the attempt, schedule, XP/streak and question stats). Prints answers/s, p50/p99, errors.
 * 3b. Then the bulk path: every student submits BENCH_ANSWER_BLOCK-answer blocks (20) back to back to
 *    POST /api/questions/answers/batch (one transaction per block, as a timed block's submission),
 *    for as long; prints answers/s and blocks/s with p50/p99 per block beside the single figures.
 *    Blocks use the other half of each student's questions, so no block answer is a practice
 *    answer or meets the 5 s rule.
 * 4. In the same run, pgbench's simple-update workload (`pgbench -i`, then `pgbench -N`) with as
 *    many clients on the same server, and the ratio.
 *
 * Knobs: BENCH_ANSWER_STUDENTS (50), BENCH_ANSWER_SECONDS (30), BENCH_ANSWER_BLOCK (20), BENCH_ANSWER_SKIP_BUILD=1 (reuse
 * an existing build), BENCH_PGBENCH_SCALE (10).
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { encode } from "next-auth/jwt";
import os from "node:os";
import postgres from "postgres";

const int = (v: string | undefined, d: number) => (v ? Number.parseInt(v, 10) : d);
const STUDENTS = int(process.env.BENCH_ANSWER_STUDENTS, 50);
const SECONDS = int(process.env.BENCH_ANSWER_SECONDS, 30);
const BLOCK = int(process.env.BENCH_ANSWER_BLOCK, 20);
// > answers per student in both phases, so the 5 s rule never bites and no block repeats a question.
// Seeded in batches of MAX_SEED_COUNT (200, the seeder's cap: one material each).
const QUESTIONS_PER_STUDENT = 600;
const PGBENCH_SCALE = int(process.env.BENCH_PGBENCH_SCALE, 10);
const DIST = ".next-bench-answer";
const DB_NAME = "studyin_bench_answer";
const PGBENCH_DB = "studyin_bench_pgbench";
const COOKIE = "authjs.session-token";

const serverUrl = new URL(process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres");
const urlFor = (db: string) => Object.assign(new URL(serverUrl), { pathname: `/${db}` }).toString();
const benchUrl = urlFor(DB_NAME);

type Question = { id: string; options: number };
/** `questions` for single answers, `blockQuestions` (never answered before) for the bulk phase. */
type Student = { id: string; email: string; cookie: string; questions: Question[]; blockQuestions: Question[] };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

async function recreateDatabase(name: string) {
  const admin = postgres(urlFor("postgres"), { max: 1, onnotice: () => {} });
  await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.unsafe(`CREATE DATABASE ${name}`);
  await admin.end();
}

async function seedStudents(secret: string): Promise<Student[]> {
  await recreateDatabase(DB_NAME);
  const { openDatabase } = await import("@/db");
  const { userProfiles, users } = await import("@/db/schema");
  const { MAX_SEED_COUNT, seedQuestions } = await import("@/lib/testing/seed-questions");
  const h = await openDatabase({ url: benchUrl }, { migrate: true });
  const out: Student[] = [];
  for (let i = 0; i < STUDENTS; i++) {
    const email = `bench-${i}-${crypto.randomUUID().slice(0, 8)}@bench.studyin`;
    const [u] = await h.db.insert(users).values({ email, name: `Bench ${i}` }).returning({ id: users.id });
    await h.db.insert(userProfiles).values({ userId: u!.id, timezone: "UTC" });
    const questionIds: string[] = [];
    while (questionIds.length < QUESTIONS_PER_STUDENT) {
      const batch = Math.min(MAX_SEED_COUNT, QUESTIONS_PER_STUDENT - questionIds.length);
      const seeded = await seedQuestions(h.db, u!.id, { count: batch, materialTitle: `Bench material ${questionIds.length / MAX_SEED_COUNT + 1}` });
      questionIds.push(...seeded.questionIds);
    }
    // What Auth.js's sign-in sets: an encrypted JWT whose salt is the cookie name, with the
    // session id and version every session carries (lib/auth/revocation.ts).
    const claims = { sub: u!.id, email, name: `Bench ${i}`, sid: crypto.randomUUID(), sv: 0 };
    const token = await encode({ token: claims, secret, salt: COOKIE, maxAge: 3600 });
    const qs = questionIds.map((id) => ({ id, options: 5 }));
    const half = qs.length / 2;
    out.push({ id: u!.id, email, cookie: `${COOKIE}=${token}`, questions: qs.slice(0, half), blockQuestions: qs.slice(half) });
    process.stdout.write(`\r  seeded ${i + 1} / ${STUDENTS} students x ${QUESTIONS_PER_STUDENT} questions`);
  }
  process.stdout.write("\n");
  await h.close();
  return out;
}

function build() {
  if (process.env.BENCH_ANSWER_SKIP_BUILD === "1" && fs.existsSync(path.join(DIST, "BUILD_ID"))) {
    console.log(`  reusing the build in ${DIST}`);
    return;
  }
  const t0 = performance.now();
  // next build adds its dist dir to tsconfig.json's include; keep the committed file as it is.
  const tsconfig = fs.readFileSync("tsconfig.json", "utf8");
  try {
    execFileSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, NEXT_DIST_DIR: DIST, NEXT_TELEMETRY_DISABLED: "1" },
    });
  } finally {
    fs.writeFileSync("tsconfig.json", tsconfig);
  }
  console.log(`  next build: ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}

async function startServer(port: number, secret: string): Promise<ChildProcess> {
  // BENCH_ANSWER_SERVER_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles the server.
  const nodeArgs = (process.env.BENCH_ANSWER_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, "node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_DIST_DIR: DIST,
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: benchUrl,
      AUTH_SECRET: secret,
      STUDYIN_TEST_HOOKS: "false",
      DATA_DIR: ".data-bench-answer",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (let i = 0; i < 120; i++) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (r.ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  child.kill();
  throw new Error("next start did not become healthy in 60 s");
}

type RunStats = { ok: number; errors: Map<string, number>; latencies: number[] };

// The client is node:http with keep-alive (one connection per student), not fetch: on a 2-core
// machine the load generator shares the CPU with the server and Postgres, and fetch costs about
// three times as much per request; pgbench's client is C.
const agent = new http.Agent({ keepAlive: true, maxSockets: STUDENTS });

function post(base: URL, path: string, cookie: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: base.hostname,
        port: base.port,
        path,
        method: "POST",
        agent,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), cookie },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

async function answerLoop(base: URL, s: Student, until: number, stats: RunStats, warm = false) {
  let i = 0;
  while (performance.now() < until) {
    const q = s.questions[i++ % s.questions.length]!;
    const body = JSON.stringify({
      selectedIndex: Math.floor(Math.random() * q.options),
      confidence: 1 + Math.floor(Math.random() * 5),
      timeTakenSeconds: 20 + Math.random() * 100,
      idempotencyKey: crypto.randomUUID(),
    });
    const t = performance.now();
    let key = "";
    try {
      const res = await post(base, `/api/questions/${q.id}/answer`, s.cookie, body);
      let json: { attemptId?: string; error?: { code?: string } } = {};
      try {
        json = JSON.parse(res.text);
      } catch {
        // not JSON: counted by status below
      }
      if (res.status !== 200 || !json.attemptId) key = `HTTP ${res.status} ${JSON.stringify(json.error?.code ?? "(no JSON)")}`;
    } catch (e) {
      key = `network ${(e as Error).message}`;
    }
    if (warm) continue;
    if (key) stats.errors.set(key, (stats.errors.get(key) ?? 0) + 1);
    else {
      stats.ok++;
      stats.latencies.push(performance.now() - t);
    }
  }
  // Warm-up answers take questions off the front; the measured run goes on from there.
  if (warm) s.questions = s.questions.slice(i).concat(s.questions.slice(0, i));
}

/** Bulk phase: blocks of BLOCK answers to questions not answered before, one request each. */
async function blockLoop(base: URL, s: Student, until: number, stats: RunStats) {
  let next = 0;
  while (performance.now() < until && next + BLOCK <= s.blockQuestions.length) {
    const qs = s.blockQuestions.slice(next, next + BLOCK);
    next += BLOCK;
    const body = JSON.stringify({
      answers: qs.map((q) => ({
        questionId: q.id,
        selectedIndex: Math.floor(Math.random() * q.options),
        confidence: 1 + Math.floor(Math.random() * 5),
        timeTakenSeconds: 20 + Math.random() * 100,
        idempotencyKey: crypto.randomUUID(),
      })),
    });
    const t = performance.now();
    let key = "";
    try {
      const res = await post(base, "/api/questions/answers/batch", s.cookie, body);
      let json: { outcomes?: unknown[]; error?: { code?: string } } = {};
      try {
        json = JSON.parse(res.text);
      } catch {
        // not JSON: counted by status below
      }
      if (res.status !== 200 || json.outcomes?.length !== BLOCK) key = `HTTP ${res.status} ${JSON.stringify(json.error?.code ?? "(no JSON)")}`;
    } catch (e) {
      key = `network ${(e as Error).message}`;
    }
    if (key) stats.errors.set(key, (stats.errors.get(key) ?? 0) + 1);
    else {
      stats.ok++;
      stats.latencies.push(performance.now() - t);
    }
  }
}

async function healthLoad(base: URL, seconds: number): Promise<number> {
  let ok = 0;
  const until = performance.now() + seconds * 1000;
  const get = () =>
    new Promise<number>((resolve, reject) => {
      const req = http.request({ host: base.hostname, port: base.port, path: "/api/health", agent }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      });
      req.on("error", reject);
      req.end();
    });
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: STUDENTS }, async () => {
      while (performance.now() < until) if ((await get().catch(() => 0)) === 200) ok++;
    }),
  );
  return ok / ((performance.now() - t0) / 1000);
}

function pgbench(clients: number): number {
  const pgArgs = ["-h", serverUrl.hostname, "-p", serverUrl.port || "5432", "-U", decodeURIComponent(serverUrl.username || "postgres")];
  execFileSync("pgbench", ["-i", "-q", "-s", String(PGBENCH_SCALE), ...pgArgs, PGBENCH_DB], { stdio: ["ignore", "ignore", "inherit"] });
  const out = execFileSync("pgbench", ["-N", "-c", String(clients), "-j", "2", "-T", String(SECONDS), ...pgArgs, PGBENCH_DB], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  const tps = /tps = ([\d.]+)/.exec(out);
  if (!tps) throw new Error(`could not read pgbench's TPS:\n${out}`);
  const lat = /latency average = ([\d.]+) ms/.exec(out);
  console.log(`  pgbench -N -c ${clients} -j 2 -T ${SECONDS} (scale ${PGBENCH_SCALE}): ${Number(tps[1]).toFixed(0)} TPS, latency avg ${lat?.[1] ?? "?"} ms`);
  return Number(tps[1]);
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

async function main() {
  const secret = crypto.randomBytes(32).toString("base64url");
  console.log(`bench:answer: ${STUDENTS} students, ${SECONDS} s, Postgres at ${serverUrl.host}`);
  console.log(`machine: ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" / ")} (other work on the machine shows in every figure)`);
  const students = await seedStudents(secret);
  build();
  const port = await freePort();
  const server = await startServer(port, secret);
  const base = new URL(`http://127.0.0.1:${port}`);
  let stats: RunStats = { ok: 0, errors: new Map(), latencies: [] };
  try {
    // Warm-up (JIT, connection pool, route compilation), not counted.
    const warmUntil = performance.now() + 5000;
    await Promise.all(students.map((s) => answerLoop(base, s, warmUntil, stats, true)));
    stats = { ok: 0, errors: new Map(), latencies: [] };
    const t0 = performance.now();
    await Promise.all(students.map((s) => answerLoop(base, s, t0 + SECONDS * 1000, stats)));
    const wall = (performance.now() - t0) / 1000;
    const lat = stats.latencies.sort((a, b) => a - b);
    const errors = [...stats.errors.values()].reduce((a, b) => a + b, 0);
    const rate = stats.ok / wall;
    console.log(`\nAnswers through next start (POST /api/questions/:id/answer, ${STUDENTS} concurrent students, ${wall.toFixed(1)} s):`);
    console.log(`  answers/s ${rate.toFixed(0)}   p50 ${pct(lat, 50).toFixed(1)} ms   p99 ${pct(lat, 99).toFixed(1)} ms   errors ${errors}`);
    for (const [k, n] of stats.errors) console.log(`    ${n} x ${k}`);

    // The bulk path: the same students submitting blocks.
    const bulk: RunStats = { ok: 0, errors: new Map(), latencies: [] };
    const b0 = performance.now();
    await Promise.all(students.map((s) => blockLoop(base, s, b0 + SECONDS * 1000, bulk)));
    const bWall = (performance.now() - b0) / 1000;
    const bLat = bulk.latencies.sort((a, b) => a - b);
    const bErrors = [...bulk.errors.values()].reduce((a, b) => a + b, 0);
    console.log(`\nBlocks through next start (POST /api/questions/answers/batch, ${BLOCK} answers each, ${STUDENTS} concurrent students, ${bWall.toFixed(1)} s):`);
    console.log(
      `  answers/s ${((bulk.ok * BLOCK) / bWall).toFixed(0)}   blocks/s ${(bulk.ok / bWall).toFixed(1)}   per block: p50 ${pct(bLat, 50).toFixed(1)} ms   p99 ${pct(bLat, 99).toFixed(1)} ms   errors ${bErrors}`,
    );
    for (const [k, n] of bulk.errors) console.log(`    ${n} x ${k}`);
    console.log(`  beside single answers: answers/s ${rate.toFixed(0)}   p99 per answer ${pct(lat, 99).toFixed(1)} ms`);

    const check = postgres(benchUrl, { max: 1, onnotice: () => {} });
    const [row] = await check`SELECT count(*)::int AS n, count(DISTINCT idempotency_key)::int AS k FROM user_attempts`;
    console.log(`  attempts in the database, warm-up included: ${row!.n} (distinct idempotency keys ${row!.k})`);
    await check.end();

    // The framework's own floor, for scale: the same client and concurrency on GET /api/health
    // (one `SELECT 1`, no session, no body). No answer route can be faster than this.
    const health = await healthLoad(base, Math.min(SECONDS, 10));
    console.log(`  for scale, GET /api/health (SELECT 1, no session) on the same server: ${health.toFixed(0)} req/s`);
    server.kill("SIGTERM");

    console.log("\npgbench on the same server:");
    await recreateDatabase(PGBENCH_DB);
    const tps = pgbench(STUDENTS);
    console.log(`\nRatio answers/s : pgbench TPS = ${(rate / tps).toFixed(2)}  (goal >= 0.25; p99 < 50 ms; zero errors)`);
    console.log(`Ratio GET /api/health req/s : pgbench TPS = ${(health / tps).toFixed(2)}  (the framework's ceiling on this machine)`);
  } finally {
    if (server.exitCode === null) server.kill("SIGTERM");
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
