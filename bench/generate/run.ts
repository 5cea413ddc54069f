/**
 * bench:generate: Studyin's overhead on the way to the first complete question, through the job
 * queue, and the queue latency of generation jobs.
 *
 * Each run is what the Generate page sets off: `startGenerations` (quota, retrieval over Chroma and
 * full text, the on-topic gate, the hourly limits, the job row, the enqueue) -> pg-boss -> a worker
 * claims the job and runs the model -> events appended to the job's event log -> a reader of
 * `generationEvents` (what GET /api/jobs/:id/stream sends) sees the first "complete". The model is
 * the local OpenAI-compatible SSE test server (tests/llm-server/server.ts, in this parent process,
 * time to first token BENCH_TTFT_MS), which records when it wrote the chunk that closes the first
 * question. Studyin's overhead = request -> first "complete" seen by the reader, minus the model's
 * own time to its first question, minus the blind solver's call on it (same server, model time too).
 * Split into: request -> enqueue (`boss.send` called), enqueue -> worker start (the job's "start"
 * event appended), and the rest (worker start -> the reader has the card, model time taken out).
 *
 * Setups, each in a fresh child process with its own data dir, the heart chapter ingested into it
 * (offline embedder, the embedded Chroma), and a warm-up run first:
 *   1. embedded: PGlite, worker in the same process (WORKERS=on, `npm run dev` / `npm start`), the
 *      event log in memory. Also the offline generator's first card here (no model).
 *   2. Postgres (BENCH_DATABASE_URL, else DATABASE_URL; skipped when neither): worker in the same
 *      process, event log in memory.
 *   3. Postgres + Redis (BENCH_REDIS_URL, else REDIS_URL; skipped when unset): this process is a
 *      WORKERS=off web process, the job runs in a separate `npm run worker` process woken through
 *      Redis pub/sub, events cross through the Redis stream. The worker's "start" time is the
 *      stream entry's id (Redis's clock, whole ms).
 * References measured in the same run, in the same process: one `SELECT 1` round trip on that
 * database (and a Redis PING for 3). No HTTP or browser here: the page's two requests (the action,
 * then the stream) add Next's routing, a few ms each.
 *
 *   npm run bench:generate   (BENCH_RUNS=20 BENCH_TTFT_MS=1000 BENCH_DATABASE_URL=… BENCH_REDIS_URL=…;
 *                             BENCH_SETUPS=embedded,postgres,postgres-worker to run some; BENCH_VERBOSE=1 prints each run)
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { RequestStats } from "../../tests/llm-server/server";

const RUNS = Number(process.env.BENCH_RUNS || 20);
const TTFT_MS = Number(process.env.BENCH_TTFT_MS || 1000);
const CHAPTER = path.resolve("../shared/corpus/openstax-ap2e/the-cardiovascular-system-the-heart.md");
// Topics the stand-in model can write three questions for from the heart chapter.
const TOPICS = ["heart valves", "coronary circulation", "heart chambers"];
const JOBS_SCHEMA = "pgboss_bench_generate";
const SELF = path.resolve("bench/generate/run.ts");

type Mode = "embedded" | "postgres" | "postgres-worker";
const MODE_LABEL: Record<Mode, string> = {
  embedded: "embedded PGlite, worker in-process",
  postgres: "Postgres, worker in-process",
  "postgres-worker": "Postgres + Redis, separate worker",
};

type RunSample = { total: number; model: number; plan: number; queue: number; claim: number };
type ChildResult = {
  mode: Mode;
  llm: RunSample[];
  offline: RunSample[];
  selectOne: number[];
  redisPing: number[];
  /** The engine alone: a no-op job kind in this process, enqueue -> its handler starts (in-process setups). */
  noop: number[];
  load: number;
};

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
};
/** Wall-clock ms with sub-ms precision, comparable across processes on this machine. */
const epochNow = () => performance.timeOrigin + performance.now();

// --- child: one setup ---------------------------------------------------------------------------

async function measure(mode: Mode): Promise<ChildResult> {
  const llmUrl = process.env.BENCH_LLM_URL!;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `studyin-bench-generate-${mode}-`));
  Object.assign(process.env, {
    DATA_DIR: dataDir,
    EMBEDDING_MODEL: "offline",
    OPENAI_BASE_URL: llmUrl,
    QUESTION_GEN_MODEL: "bench-model",
    RETRIEVAL_TOP_K: "16",
    JOBS_SCHEMA,
    GENERATIONS_PER_USER_PER_HOUR: "100000",
    GENERATIONS_PER_IP_PER_HOUR: "100000",
    QUESTIONS_PER_USER_PER_DAY: "100000",
    GENERATION_EVENTS_TTL_SECONDS: "600",
    JOB_STREAMS_PER_USER_PER_MINUTE: "100000",
    // One secret for this process and its worker, as a deployment has (the worker signs preview cards).
    AUTH_SECRET: process.env.AUTH_SECRET || randomBytes(32).toString("base64"),
    WORKERS: mode === "postgres-worker" ? "off" : "on",
  });
  if (mode === "embedded") delete process.env.DATABASE_URL;
  if (mode !== "postgres-worker") delete process.env.REDIS_URL;

  const { resetEnvForTests } = await import("@/lib/env");
  resetEnvForTests();
  const { getDb, closeDb } = await import("@/db");
  const { users, userProfiles } = await import("@/db/schema");
  const { createMaterial } = await import("@/db/queries/materials");
  const { ingestMaterial } = await import("@/lib/rag/ingest");
  const { startGenerations } = await import("@/lib/ai/start");
  const { generationEvents } = await import("@/lib/ai/jobs");
  const { startGenerationSchema } = await import("@/lib/ai/request");
  const { startAllWorkers, stopJobs } = await import("@/lib/jobs");
  const { engine } = await import("@/lib/jobs/engine");
  const { eventLog } = await import("@/lib/jobs/event-log");
  const { generationLogKey } = await import("@/lib/ai/generate-job");
  const { eq, sql } = await import("drizzle-orm");

  const db = await getDb();
  const [user] = await db.insert(users).values({ email: `bench-generate-${crypto.randomUUID()}@bench.studyin`, name: "Bench" }).returning();
  const userId = user!.id;
  await db.insert(userProfiles).values({ userId, timezone: "UTC" });
  const bytes = new Uint8Array(fs.readFileSync(CHAPTER));
  const material = await createMaterial({ userId, title: "The heart (bench)", fileName: path.basename(CHAPTER), type: "markdown", sizeBytes: bytes.byteLength, contentHash: `bench-${Date.now()}` });
  const ingested = await ingestMaterial(material, bytes);
  if (ingested.status !== "ready") throw new Error(`ingestion failed: ${JSON.stringify(ingested)}`);

  // The reference: one round trip to the same database.
  const selectOne: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t = performance.now();
    await db.execute(sql`select 1`);
    selectOne.push(performance.now() - t);
  }

  let worker: ChildProcess | undefined;
  let workerDir: string | undefined;
  let redis: import("ioredis").default | undefined;
  const redisPing: number[] = [];
  if (mode === "postgres-worker") {
    const { default: Redis } = await import("ioredis");
    redis = new Redis(process.env.REDIS_URL!);
    for (let i = 0; i < 200; i++) {
      const t = performance.now();
      await redis.ping();
      redisPing.push(performance.now() - t);
    }
    workerDir = fs.mkdtempSync(path.join(os.tmpdir(), "studyin-bench-generate-worker-"));
    worker = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts"], {
      env: { ...process.env, DATA_DIR: workerDir, WORKERS: "on" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    await new Promise<void>((resolve, reject) => {
      let out = "";
      worker!.stdout!.on("data", (c: Buffer) => {
        out += c.toString();
        if (out.includes("[worker]") && out.includes("running jobs")) resolve();
      });
      worker!.once("exit", (code) => reject(new Error(`the worker exited (${code})`)));
    });
    worker.stdout!.resume();
  } else {
    // The web process starts its workers with the server (instrumentation.ts).
    await startAllWorkers();
  }

  // Reference for the queue: the engine alone, a no-op job kind on the same queue engine and
  // database, in this process (as bench:jobs measures it).
  const noop: number[] = [];
  if (mode !== "postgres-worker") {
    const { startWorkers, send: sendJob } = await import("@/lib/jobs/engine");
    const { defineJob } = await import("@/lib/jobs/types");
    let started: ((t: number) => void) | null = null;
    const noopJob = defineJob<{ i: number }>({
      name: "bench-generate-noop",
      queue: () => ({ policy: "standard", retryLimit: 0, retryDelaySeconds: 1, expireInSeconds: 60 }),
      concurrency: () => 1,
      run: async () => started?.(performance.now()),
      gaveUp: async () => {},
    });
    await startWorkers([noopJob]);
    for (let i = 0; i < 60; i++) {
      const w = new Promise<number>((r) => (started = r));
      const t = performance.now();
      await sendJob(noopJob, { i });
      const d = (await w) - t;
      if (i >= 10) noop.push(d);
    }
  }

  // Instrumentation (this process only, nothing in the app changes): when the enqueue is called,
  // and, for an in-process worker, when it appends the job's "start" event.
  const boss = await engine();
  let enqueuedAt = 0;
  const send = boss.send.bind(boss) as (...a: unknown[]) => Promise<string | null>;
  (boss as unknown as { send: typeof send }).send = (...a: unknown[]) => {
    enqueuedAt = epochNow();
    return send(...a);
  };
  const startedAt = new Map<string, number>();
  const log = eventLog();
  const append = log.append.bind(log);
  log.append = (key: string, event: object) => {
    if ((event as { type?: string }).type === "start" && !startedAt.has(key)) startedAt.set(key, epochNow());
    return append(key, event);
  };
  /** The worker's "start": appended here (in-process), or the Redis stream entry's id (another process). */
  const workerStart = async (jobId: string) => {
    const key = generationLogKey(jobId);
    if (!redis) return startedAt.get(key)!;
    const entries = await redis.xrange(`studyin:events:${key}`, "-", "+");
    const start = entries.find(([, f]) => f.includes("e") && (JSON.parse(f[f.indexOf("e") + 1]!) as { type: string }).type === "start");
    if (!start) throw new Error("no start event in the job's stream");
    return Number(start[0].split("-")[0]);
  };

  const modelStats = async (): Promise<RequestStats[]> => (await fetch(`${llmUrl.replace(/\/v1$/, "")}/stats`)).json() as Promise<RequestStats[]>;

  const once = async (topic: string, withModel: boolean): Promise<RunSample> => {
    const before = withModel ? (await modelStats()).length : 0;
    const input = startGenerationSchema.parse({ topic, difficulty: 3, count: 3, level: 2, preview: true });
    const t0 = epochNow();
    const [job] = await startGenerations(userId, input, { ip: "10.9.9.9" });
    let first: number | undefined;
    let done: { status: string; accepted: number } | undefined;
    for await (const e of generationEvents(userId, job!.jobId, AbortSignal.timeout(120_000))) {
      if (e.type === "complete" && first === undefined) first = epochNow();
      if (e.type === "error") throw new Error(`the generation failed: ${e.message}`);
      if (e.type === "done") {
        done = e;
        break;
      }
    }
    if (first === undefined || done?.status !== "complete") throw new Error(`no complete question (${JSON.stringify(done)})`);
    let model = 0;
    if (withModel) {
      const calls = (await modelStats()).slice(before);
      const w = calls.find((c) => c.kind === "write");
      if (!w?.firstQuestionAt) throw new Error("the test server did not record the first question");
      // The first card also waits for the blind solver's call on it: model time too, not Studyin's.
      const solve = calls.find((c) => c.kind === "solve" && c.receivedAt >= w.firstQuestionAt!);
      model = w.firstQuestionAt - w.receivedAt + (solve?.endedAt ? solve.endedAt - solve.receivedAt : 0);
    }
    const start = await workerStart(job!.jobId);
    // The claim: the job row's started_at, set by the worker's claiming UPDATE (the database's clock, µs).
    const res = (await db.execute(sql`select extract(epoch from started_at) * 1000 as t from generation_jobs where id = ${job!.jobId}`)) as unknown;
    const row = (Array.isArray(res) ? res : (res as { rows: { t: unknown }[] }).rows)[0] as { t: unknown };
    return { total: first - t0, model, plan: enqueuedAt - t0, queue: start - enqueuedAt, claim: Number(row!.t) - enqueuedAt };
  };

  const llm: RunSample[] = [];
  const offline: RunSample[] = [];
  try {
    await once(TOPICS[0]!, true); // warm-up: modules, connections, the queue's first plans
    for (let i = 0; i < RUNS; i++) {
      llm.push(await once(TOPICS[i % TOPICS.length]!, true));
      const x = llm.at(-1)!;
      process.stderr.write(process.env.BENCH_VERBOSE ? `\n  run ${i}: total ${x.total.toFixed(0)}, model ${x.model.toFixed(0)}, plan ${x.plan.toFixed(1)}, queue ${x.queue.toFixed(1)}` : ".");
    }
    if (mode === "embedded") {
      // The offline generator: the worker reads the configuration per run.
      process.env.OPENAI_BASE_URL = "";
      resetEnvForTests();
      await once(TOPICS[0]!, false);
      for (let i = 0; i < RUNS; i++) {
        offline.push(await once(TOPICS[i % TOPICS.length]!, false));
        const x = offline.at(-1)!;
        if (process.env.BENCH_VERBOSE) process.stderr.write(`\n  offline run ${i}: total ${x.total.toFixed(0)}, plan ${x.plan.toFixed(1)}, queue ${x.queue.toFixed(1)}`);
      }
    }
    process.stderr.write("\n");
  } finally {
    if (worker) {
      worker.kill("SIGTERM");
      await new Promise((r) => worker!.once("exit", r));
    }
    redis?.disconnect();
    await stopJobs({ timeoutMs: 0 });
    await db.delete(users).where(eq(users.id, userId)).catch(() => {});
    const { resetVectorStore } = await import("@/lib/rag/vector-store");
    await resetVectorStore({ stopServer: true }).catch(() => {});
    const { resetEventLogForTests } = await import("@/lib/jobs/event-log");
    await resetEventLogForTests();
    await closeDb();
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (workerDir) fs.rmSync(workerDir, { recursive: true, force: true });
  }
  return { mode, llm, offline, selectOne, redisPing, noop, load: os.loadavg()[0]! };
}

// --- parent: the model server, the setups, the table ------------------------------------------

function runChild(mode: Mode, env: Record<string, string>): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", SELF], {
      env: { ...process.env, ...env, BENCH_GENERATE_MODE: mode },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout!.on("data", (c: Buffer) => (out += c.toString()));
    child.once("exit", (code) => {
      const line = out.split("\n").find((l) => l.startsWith("BENCH_RESULT "));
      if (code === 0 && line) resolve(JSON.parse(line.slice("BENCH_RESULT ".length)) as ChildResult);
      else reject(new Error(`${mode}: the measuring process exited with ${code}\n${out.slice(-2000)}`));
    });
  });
}

const ms = (x: number) => `${Math.round(x).toLocaleString("en-US")} ms`;
const ms1 = (x: number) => `${x.toFixed(1)} ms`;

function report(results: ChildResult[], loads: number[]) {
  console.log(
    `\nbench:generate  (${RUNS} runs per setup, 3 questions each in preview, topics ${TOPICS.join(", ")}; test server time to first token ${TTFT_MS} ms; ` +
      `load average ${loads.map((l) => l.toFixed(1)).join(" ")} on ${os.cpus().length} cores)\n`,
  );
  const cols = (label: string, xs: number[], f = ms, extra = "") =>
    console.log(`  ${label.padEnd(52)} p50 ${f(pct(xs, 50)).padStart(9)}   p95 ${f(pct(xs, 95)).padStart(9)}${extra ? `   ${extra}` : ""}`);
  let goalMet = true;
  for (const r of results) {
    const overhead = r.llm.map((s) => s.total - s.model);
    console.log(`${MODE_LABEL[r.mode]}:`);
    cols("request -> first complete (reader)", r.llm.map((s) => s.total));
    cols("model's own first question (+ its solver call)", r.llm.map((s) => s.model));
    const ratio = pct(overhead, 95) / TTFT_MS;
    const ofModel = pct(overhead, 95) / pct(r.llm.map((s) => s.model), 95);
    goalMet &&= ratio <= 0.15;
    cols("Studyin overhead", overhead, ms, `p95 = ${(ratio * 100).toFixed(1)} % of the ${TTFT_MS} ms TTFT (${(ofModel * 100).toFixed(1)} % of the model's p95)`);
    cols("  request -> enqueue (quota, retrieval, job row)", r.llm.map((s) => s.plan), ms1);
    const jobs = r.llm.concat(r.offline);
    const queue = jobs.map((s) => s.queue);
    // A separate worker is compared with the in-process no-op job on the same Postgres (setup 2).
    const pgNoop = results.find((x) => x.mode === "postgres")?.noop ?? [];
    const noop = r.noop.length ? r.noop : pgNoop;
    const ref = noop.length ? noop : r.selectOne;
    const refName = !noop.length ? "SELECT 1" : r.noop.length ? "no-op job" : "in-process no-op job on Postgres (above)";
    cols(`  enqueue -> worker claims the job (${jobs.length} jobs)`, jobs.map((s) => s.claim), ms1);
    cols(
      `  enqueue -> worker start ("start" event)`,
      queue,
      ms1,
      `= ${(pct(queue, 50) / pct(ref, 50)).toFixed(1)}× / ${(pct(queue, 95) / pct(ref, 95)).toFixed(1)}× the ${refName}` +
        (r.redisPing.length ? "; start times are Redis ids (whole ms)" : ""),
    );
    if (r.noop.length) cols("  reference: no-op job, enqueue -> handler", r.noop, ms1);
    cols("  reference: SELECT 1", r.selectOne, ms1);
    if (r.redisPing.length) cols("  reference: Redis PING", r.redisPing, ms1);
    cols("  worker start -> reader has the card, minus model", r.llm.map((s) => s.total - s.model - s.plan - s.queue), ms1);
    if (r.offline.length) cols("offline generator: request -> first complete", r.offline.map((s) => s.total), ms, `goal p50 < 500 ms: ${pct(r.offline.map((s) => s.total), 50) < 500 ? "met" : "NOT met"}`);
    console.log("");
  }
  console.log(`Goal: Studyin's overhead p95 <= 15 % of a ${TTFT_MS} ms TTFT in every setup: ${goalMet ? "met" : "NOT met"}`);
}

async function main() {
  const mode = process.env.BENCH_GENERATE_MODE as Mode | undefined;
  if (mode) {
    const result = await measure(mode);
    console.log(`BENCH_RESULT ${JSON.stringify(result)}`);
    return;
  }
  if (!fs.existsSync(CHAPTER)) throw new Error(`missing ${CHAPTER}`);
  const { startLlmServer } = await import("../../tests/llm-server/server");
  const llm = await startLlmServer({ ttftMs: TTFT_MS, tokenMs: 4, tokenChars: 8 });
  const dbUrl = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL;
  const redisUrl = process.env.BENCH_REDIS_URL || process.env.REDIS_URL;
  const only = process.env.BENCH_SETUPS?.split(",").map((x) => x.trim());
  const modes = (["embedded", ...(dbUrl ? (["postgres"] as const) : []), ...(dbUrl && redisUrl ? (["postgres-worker"] as const) : [])] as Mode[]).filter(
    (m) => !only || only.includes(m),
  );
  if (!dbUrl) console.log("Postgres: skipped (set BENCH_DATABASE_URL or DATABASE_URL)");
  else if (!redisUrl) console.log("Separate worker: skipped (set BENCH_REDIS_URL or REDIS_URL)");
  if (dbUrl) {
    const m = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "db/migrate.ts"], { env: { ...process.env, DATABASE_URL: dbUrl }, stdio: "ignore" });
    if (m.status !== 0) throw new Error("db:migrate failed");
  }
  const results: ChildResult[] = [];
  try {
    for (const m of modes) {
      process.stderr.write(`${MODE_LABEL[m]} `);
      results.push(await runChild(m, { BENCH_LLM_URL: llm.url, ...(dbUrl ? { DATABASE_URL: dbUrl } : {}), ...(redisUrl ? { REDIS_URL: redisUrl } : {}) }));
    }
  } finally {
    await llm.close();
    if (dbUrl) {
      // The bench's own job schema goes; the app's tables keep nothing of it (the user was deleted).
      const { default: postgres } = await import("postgres");
      const pg = postgres(dbUrl, { max: 1, onnotice: () => {} });
      await pg.unsafe(`drop schema if exists ${JOBS_SCHEMA} cascade`).catch(() => {});
      await pg.end();
    }
  }
  report(results, results.map((r) => r.load));
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
