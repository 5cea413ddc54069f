/**
 * Fault test of issue 14, on real Postgres and Redis (skipped unless DATABASE_URL and REDIS_URL are
 * set): 2 web processes (`next start` of the build Playwright already made, WORKERS=off, on their own
 * ports) and 2 worker processes (`npm run worker`'s command), sharing a fresh database, Redis, one
 * Chroma server and one slow OpenAI-compatible test server (tests/llm-server).
 *
 * Ten students sign up on web A. Five upload a chapter each (Markdown) and wait for it to be ready;
 * they start 20 generations (4 topics each, 3 questions each), alternately through web A and web B,
 * and every job's stream is watched through web B. Once questions are being saved the other five
 * upload theirs (2 PDFs, 3 Markdown) through web A. When one worker holds a generation with some
 * questions saved and more to write, and a file mid-way, while the other worker is busy too, it is
 * killed with SIGKILL. The engine expires its jobs and the other worker runs them again. Then:
 *   - every generation ends "complete" with exactly its requested questions in the bank, none twice
 *     (by job and stem); its stream through web B ended with one "done"; a job that was cut off
 *     shows a "restart" on the same stream, after which only the missing questions came (at least
 *     one was cut off with questions saved and more to write: the kill hit a run mid-way);
 *   - every material ends ready with its chunk count = its passage rows = its Chroma vectors = the
 *     chunks of its file (none missing, none doubled), the cut-off ones included;
 *   - the surviving worker's log shows attempt 2 of every job the killed worker held, and both
 *     workers had taken generations and ingestions.
 * No timing assertions: every wait is for a condition, with a generous time limit.
 *
 * Why a Playwright spec (not Vitest): it needs `next start`, hence a production build, and Vitest
 * (`npm test`'s first half) builds nothing. Playwright's config already builds (or, in .ci/run,
 * reuses) `.next-e2e-<E2E_PORT>`; this spec starts two more servers of that same build, so CI builds
 * Next once. It runs in .ci/run's first Playwright pass (DATABASE_URL and REDIS_URL set) and skips
 * itself in the second (embedded). It creates its own database beside DATABASE_URL's (dropped at
 * the end) and uses the ports E2E_PORT+3 (test model server), +4 (web A) and +5 (web B).
 *
 * Run it alone (after a build, e.g. `NEXT_DIST_DIR=.next-e2e-3100 bash scripts/e2e-build.sh`):
 *   E2E_REUSE_BUILD=1 DATABASE_URL=postgres://postgres@127.0.0.1:5432/<db> REDIS_URL=redis://127.0.0.1:6379/<n> \
 *     npx playwright test e2e/fault.spec.ts --workers=1
 * (Playwright's own web servers start too; DATABASE_URL's database must be migrated for them.)
 * The processes' logs are kept (their directory printed) when the test fails, or with FAULT_KEEP_LOGS=1.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type APIRequestContext, type BrowserContext, expect, test } from "@playwright/test";
import { ChromaClient } from "chromadb";
import postgres from "postgres";
import { type ChromaServer, startChromaServer } from "../lib/rag/chroma-server";
import { chunkBlocks } from "../lib/rag/chunk";
import { extractPdf, extractTextual } from "../lib/rag/extract";
import { signUp } from "./support/users";

const ROOT = path.resolve(__dirname, "..");
const CORPUS = path.resolve(ROOT, "../shared/corpus/openstax-ap2e");
const BASE_PORT = Number(process.env.E2E_PORT || 3100);
const DIST_DIR = `.next-e2e-${BASE_PORT}`; // playwright.config.ts's build
const LLM_PORT = BASE_PORT + 3;
const WEB_A = `http://127.0.0.1:${BASE_PORT + 4}`;
const WEB_B = `http://127.0.0.1:${BASE_PORT + 5}`;

/** Questions per generation. */
const COUNT = 3;
/**
 * Students who upload a chapter first and then generate on four of its topics (20 generations).
 * Topics on which the test server (a stand-in model that writes from definitional sentences) finds
 * enough on-topic items for COUNT questions: the test is about faults, not about the writer.
 */
const GENERATORS: { file: string; topics: string[] }[] = [
  { file: "the-cardiovascular-system-blood.md", topics: ["erythrocytes", "leukocytes", "blood plasma", "hemoglobin"] },
  { file: "muscle-tissue.md", topics: ["skeletal muscle", "motor units", "smooth muscle", "cardiac muscle"] },
  { file: "the-respiratory-system.md", topics: ["alveoli", "larynx", "pulmonary ventilation", "lungs"] },
  { file: "bone-tissue-and-the-skeletal-system.md", topics: ["bone remodeling", "ossification", "spongy bone", "cartilage"] },
  { file: "the-integumentary-system.md", topics: ["epidermis", "sweat glands", "hair", "nails"] },
];
/** Students who upload while the generations run (the PDFs keep a worker busy for a while). */
const LATE_UPLOADS = ["the-cardiovascular-system-the-heart.pdf", "the-endocrine-system.pdf", "joints.md", "the-tissue-level-of-organization.md", "the-chemical-level-of-organization.md"];

/** Short, so the killed worker's jobs are taken for dead and retried within the test. */
const GENERATION_JOB_TIMEOUT_SECONDS = 60;
const INGEST_JOB_TIMEOUT_SECONDS = 45;

type Proc = {
  name: string;
  child: ChildProcess;
  output: () => string;
  waitFor: (re: RegExp, timeoutMs?: number) => Promise<void>;
  exited: Promise<void>;
};

const procs: Proc[] = [];
/** The processes' logs, the Chroma data and the web processes' DATA_DIR (made when the test starts). */
let logDir = "";

function start(name: string, args: string[], env: NodeJS.ProcessEnv): Proc {
  // Its own process group: the cleanup ends whatever it started too (the PDF reader's children).
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  const log = fs.createWriteStream(path.join(logDir, `${name}.log`));
  let out = "";
  const waiters = new Set<() => void>();
  const onData = (d: Buffer) => {
    out += d.toString();
    log.write(d);
    for (const w of [...waiters]) w();
  };
  child.stdout!.on("data", onData);
  child.stderr!.on("data", onData);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  void exited.then(() => {
    log.end();
    for (const w of [...waiters]) w();
  });
  const waitFor = (re: RegExp, timeoutMs = 120_000) =>
    new Promise<void>((resolve, reject) => {
      const done = (e?: Error) => {
        clearTimeout(timer);
        waiters.delete(check);
        if (e) reject(e);
        else resolve();
      };
      const timer = setTimeout(() => done(new Error(`${name}: output never matched ${re}:\n${out.slice(-4000)}`)), timeoutMs);
      const check = () => {
        if (re.test(out)) done();
        else if (child.exitCode !== null || child.signalCode !== null) done(new Error(`${name} exited (${child.exitCode ?? child.signalCode}) before ${re}:\n${out.slice(-4000)}`));
      };
      waiters.add(check);
      check();
    });
  const p = { name, child, output: () => out, waitFor, exited };
  procs.push(p);
  return p;
}

const alive = (p: Proc) => p.child.exitCode === null && p.child.signalCode === null;

/** Polls `check` until it returns a value (not undefined) or the time is up. */
async function until<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 120_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    for (const p of procs) if (!alive(p) && p !== killed) throw new Error(`${p.name} exited while waiting for ${what}:\n${p.output().slice(-4000)}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
let killed: Proc | undefined;

/** How many chunks ingestion makes of the file (the app's own extractor and chunker, default sizes). */
async function expectedChunks(file: string): Promise<number> {
  const bytes = new Uint8Array(fs.readFileSync(path.join(CORPUS, file)));
  const extracted = file.endsWith(".pdf")
    ? await extractPdf(bytes, { maxPages: 1000, maxMemoryMb: 512, pageTimeoutMs: 30_000, fileTimeoutMs: 300_000, maxPageChars: 200_000 })
    : extractTextual("markdown", bytes);
  return chunkBlocks(extracted.blocks, { sizeWords: 300, overlapWords: 40 }).length;
}

type StreamEvent = { type: string; [k: string]: unknown };
type Watch = { jobId: string; events: StreamEvent[]; ended: Promise<void>; status: number };

/** Follows a job's stream (GET /api/jobs/:id/stream, the AI SDK UI message stream over SSE) through `base`. */
async function watchStream(base: string, cookie: string, jobId: string): Promise<Watch> {
  const res = await fetch(`${base}/api/jobs/${jobId}/stream`, { headers: { cookie } });
  const w: Watch = { jobId, events: [], status: res.status, ended: Promise.resolve() };
  if (!res.ok || !res.body) return w;
  w.ended = (async () => {
    const decoder = new TextDecoder();
    let buf = "";
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buf += decoder.decode(chunk, { stream: true });
      let nl: number;
      while ((nl = buf.indexOf("\n")) >= 0) {
        const line = buf.slice(0, nl).trim();
        buf = buf.slice(nl + 1);
        if (!line.startsWith("data: ") || line === "data: [DONE]") continue;
        const part = JSON.parse(line.slice(6)) as { type: string; data?: StreamEvent };
        if (part.type.startsWith("data-") && part.data) w.events.push(part.data);
      }
    }
  })();
  return w;
}

const cookieHeader = async (ctx: BrowserContext) => (await ctx.cookies(WEB_A)).map((c) => `${c.name}=${c.value}`).join("; ");

async function upload(request: APIRequestContext, file: string): Promise<string> {
  const res = await request.post(`${WEB_A}/api/materials`, {
    multipart: { files: { name: file, mimeType: file.endsWith(".pdf") ? "application/pdf" : "text/markdown", buffer: fs.readFileSync(path.join(CORPUS, file)) } },
  });
  expect(res.status(), await res.text()).toBe(201);
  const [r] = (await res.json()).results as { ok: boolean; materialId: string }[];
  expect(r).toMatchObject({ ok: true });
  return r!.materialId;
}

/** pg-boss's "started" lines of a worker: job id -> attempt. */
function startedJobs(p: Proc, name: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const x of p.output().matchAll(new RegExp(`\\[jobs\\] ${name} (\\S+) started \\(attempt (\\d+) of`, "g"))) m.set(x[1]!, Math.max(Number(x[2]), m.get(x[1]!) ?? 0));
  return m;
}

test.describe("faults: a worker killed mid-run among 2 web and 2 worker processes", () => {
  test.skip(!process.env.DATABASE_URL || !process.env.REDIS_URL, "needs real Postgres (DATABASE_URL) and Redis (REDIS_URL)");
  test.describe.configure({ timeout: 600_000 });

  const dbName = `studyin_fault_${Date.now()}_${process.pid}`;
  let admin: postgres.Sql | undefined;
  let sql: postgres.Sql;
  let chroma: ChromaServer | undefined;

  let failed = false;
  test.afterEach(async ({}, info) => {
    failed ||= info.status !== info.expectedStatus;
  });
  test.afterAll(async () => {
    // Each process group: the process and whatever it started (the killed worker's PDF reader too).
    for (const p of procs)
      try {
        process.kill(-p.child.pid!, "SIGKILL");
      } catch {
        // already gone
      }
    await Promise.all(procs.map((p) => p.exited));
    await chroma?.stop().catch(() => {});
    await sql?.end({ timeout: 5 }).catch(() => {});
    if (admin) {
      await admin.unsafe(`drop database if exists ${dbName} with (force)`).catch((e) => console.warn("[fault] could not drop", dbName, e));
      await admin.end({ timeout: 5 });
    }
    if (!logDir) return;
    if (failed || process.env.FAULT_KEEP_LOGS === "1") console.log(`[fault] process logs in ${logDir}`);
    else fs.rmSync(logDir, { recursive: true, force: true });
  });

  test("every job completes exactly once; streams through the other web process carry on", async ({ browser }, testInfo) => {
    // --- the processes ---------------------------------------------------------------------
    logDir = fs.mkdtempSync(path.join(os.tmpdir(), "studyin-fault-"));
    const url = new URL(process.env.DATABASE_URL!);
    const dbUrl = Object.assign(new URL(url), { pathname: `/${dbName}` }).toString();
    admin = postgres(Object.assign(new URL(url), { pathname: "/postgres" }).toString(), { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${dbName}`);
    const migrated = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "db/migrate.ts"], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: dbUrl },
      encoding: "utf8",
    });
    expect(migrated.status, `${migrated.stdout}\n${migrated.stderr}`).toBe(0);
    sql = postgres(dbUrl, { max: 2, onnotice: () => {} });

    chroma = await startChromaServer({ dataDir: path.join(logDir, "chroma"), port: 0 });
    const llm = start("llm-server", ["--import", "tsx", "tests/llm-server/server.ts", "--port", String(LLM_PORT), "--ttft-ms", "300", "--token-ms", "30", "--token-chars", "8"], process.env);

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      NEXT_DIST_DIR: DIST_DIR,
      DATA_DIR: path.join(logDir, "data"),
      DATABASE_URL: dbUrl,
      REDIS_URL: process.env.REDIS_URL,
      CHROMA_URL: chroma.url,
      AUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
      NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: crypto.randomBytes(32).toString("base64"),
      OPENAI_BASE_URL: `http://127.0.0.1:${LLM_PORT}/v1`,
      QUESTION_GEN_MODEL: "e2e-question-model",
      RETRIEVAL_TOP_K: "16",
      WORKERS: "off",
      GENERATION_JOB_TIMEOUT_SECONDS: String(GENERATION_JOB_TIMEOUT_SECONDS),
      INGEST_JOB_TIMEOUT_SECONDS: String(INGEST_JOB_TIMEOUT_SECONDS),
      JOBS_MAINTENANCE_SECONDS: "1",
      GENERATION_CONCURRENCY: "3",
      INGEST_CONCURRENCY: "2",
      // Never "busy": the killed worker's model-slot leases stay taken until they expire.
      MAX_CONCURRENT_MODEL_CALLS: "50",
      GENERATIONS_PER_USER_PER_HOUR: "100",
      GENERATIONS_PER_IP_PER_HOUR: "10000",
      QUESTIONS_PER_USER_PER_DAY: "1000",
      SIGNIN_LIMIT_PER_IP: "1000",
    };
    delete env.CHROMA_PORT;
    const next = (port: number) => ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"];
    start("web-a", next(BASE_PORT + 4), env);
    start("web-b", next(BASE_PORT + 5), env);
    const worker = (name: string) => start(name, ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts"], env);
    const workers = [worker("worker-1"), worker("worker-2")];
    await llm.waitFor(/LLM_SERVER_READY/);
    for (const base of [WEB_A, WEB_B])
      await until(async () => ((await fetch(`${base}/api/health`).catch(() => null))?.ok ? true : undefined), `${base}/api/health`);
    for (const w of workers) await w.waitFor(/\[worker\] \d+ running jobs on Postgres/);

    // --- students, the first five materials --------------------------------------------------
    const students = await Promise.all(
      [...GENERATORS.map((g) => g.file), ...LATE_UPLOADS].map(async (file) => {
        const ctx = await browser.newContext({ baseURL: WEB_A });
        const page = await ctx.newPage();
        await signUp(page);
        await page.close();
        return { ctx, file };
      }),
    );
    const materialIds = new Map<string, string>(); // file -> material id
    const expected = new Map<string, number>(); // file -> chunks
    for (const s of students) expected.set(s.file, await expectedChunks(s.file));
    for (const s of students.slice(0, GENERATORS.length)) materialIds.set(s.file, await upload(s.ctx.request, s.file));
    const materialRows = async () =>
      sql<{ id: string; file_name: string; status: string; chunk_count: number; failure_reason: string | null }[]>`
        select id, file_name, status, chunk_count, failure_reason from materials`;
    await until(async () => {
      const rows = await materialRows();
      return rows.length === GENERATORS.length && rows.every((r) => r.status === "ready" || r.status === "failed") ? rows : undefined;
    }, "the first five materials to be ingested");

    // --- 20 generations through web A and B, all watched through web B; five more uploads -----
    type Gen = { jobId: string; topic: string; via: string; watch: Watch };
    const gens: Gen[] = [];
    for (const [i, g] of GENERATORS.entries()) {
      const { ctx } = students[i]!;
      const cookie = await cookieHeader(ctx);
      for (const [j, topic] of g.topics.entries()) {
        const via = (i + j) % 2 === 0 ? WEB_A : WEB_B;
        const res = await ctx.request.post(`${via}/api/generate`, { data: { topic, count: COUNT, difficulty: 3, level: 3, preview: false } });
        expect(res.status(), `${topic}: ${await res.text()}`).toBe(202);
        const [job] = (await res.json()).jobs as { jobId: string }[];
        const watch = await watchStream(WEB_B, cookie, job!.jobId);
        expect(watch.status, topic).toBe(200);
        gens.push({ jobId: job!.jobId, topic, via, watch });
      }
    }
    // The other five files once the generations are under way (questions saved, more to write):
    // their ingestion runs beside them.
    await until(
      async () => ((await sql`select 1 from questions where generation_job_id is not null limit 1`).length > 0 ? true : undefined),
      "the first generated question",
    );
    await Promise.all(students.slice(GENERATORS.length).map(async (s) => materialIds.set(s.file, await upload(s.ctx.request, s.file))));

    // --- the kill: a worker with a generation and an ingestion in flight, the other busy too ---
    const bossActive = async () =>
      sql<{ id: string; name: string; data: { jobId?: string; materialId?: string } }[]>`
        select id, name, data from pgboss.job where state = 'active'`;
    const states: string[] = [];
    const trace = (state: string) => {
      if (states.at(-1) !== state) states.push(state);
    };
    const cut = await until(async () => {
      const active = await bossActive();
      const running = new Set((await sql<{ id: string }[]>`select id from generation_jobs where status = 'running'`).map((r) => r.id));
      const savedBy = new Map((await sql<{ job: string; n: number }[]>`
        select generation_job_id as job, count(*)::int as n from questions where generation_job_id is not null group by 1`).map((r) => [r.job, r.n]));
      const midway = (jobId: string) => running.has(jobId) && (savedBy.get(jobId) ?? 0) >= 1 && (savedBy.get(jobId) ?? 0) < COUNT;
      const ingesting = new Set((await sql<{ id: string }[]>`select id from materials where status in ('extracting', 'chunking', 'embedding')`).map((r) => r.id));
      const held = workers.map((w) => {
        const gStarted = startedJobs(w, "generate-questions");
        const iStarted = startedJobs(w, "ingest-material");
        return {
          w,
          gen: active.filter((a) => a.name === "generate-questions" && gStarted.get(a.id) === 1),
          ingest: active.filter((a) => a.name === "ingest-material" && iStarted.get(a.id) === 1),
        };
      });
      // A generation with some of its questions saved and the rest to write, and a file mid-way.
      trace(
        held
          .map((h) => `${h.w.name}: gen ${h.gen.map((a) => `${savedBy.get(a.data.jobId!) ?? 0}${running.has(a.data.jobId!) ? "r" : ""}`).join(",")} ingest ${h.ingest.map((a) => (ingesting.has(a.data.materialId!) ? "i" : "-")).join(",")}`)
          .join(" | "),
      );
      const victim = held.find((h) => h.gen.some((a) => midway(a.data.jobId!)) && h.ingest.some((a) => ingesting.has(a.data.materialId!)));
      const other = held.find((h) => h !== victim);
      return victim && other && other.gen.length + other.ingest.length > 0 ? { ...victim, other: other.w } : undefined;
    }, "one worker with a generation and an ingestion mid-way while the other is busy too").catch((e: Error) => {
      throw new Error(`${e.message}; what the workers held (saved questions per running generation, r = running; i = an ingestion mid-way):\n${states.slice(-40).join("\n")}`);
    });
    fs.writeFileSync(path.join(logDir, "kill-wait.log"), states.join("\n"));
    killed = cut.w;
    const survivor = cut.other;
    cut.w.child.kill("SIGKILL");
    await cut.w.exited;
    // What the killed worker held (anything it started and had not finished when it died).
    const stillActive = await bossActive();
    const cutGen = [...startedJobs(cut.w, "generate-questions").keys()].filter((id) => stillActive.some((a) => a.id === id));
    const cutIngest = [...startedJobs(cut.w, "ingest-material").keys()].filter((id) => stillActive.some((a) => a.id === id));
    const cutGenJobs = stillActive.filter((a) => cutGen.includes(a.id)).map((a) => a.data.jobId!);
    const cutMaterials = stillActive.filter((a) => cutIngest.includes(a.id)).map((a) => a.data.materialId!);
    const savedAtKill = new Map((await sql<{ job: string; n: number }[]>`
      select generation_job_id as job, count(*)::int as n from questions where generation_job_id is not null group by 1`).map((r) => [r.job, r.n]));
    expect(cutGenJobs.length).toBeGreaterThan(0);
    expect(cutMaterials.length).toBeGreaterThan(0);
    console.log(`[fault] killed ${cut.w.name}: it held ${cutGenJobs.length} generation(s) and ${cutMaterials.length} ingestion(s)`);
    await testInfo.attach("cut", { body: JSON.stringify({ killed: cut.w.name, cutGenJobs, cutMaterials }, null, 2), contentType: "application/json" });

    // --- everything ends -------------------------------------------------------------------
    await until(
      async () => {
        const rows = await materialRows();
        const settled = rows.length === GENERATORS.length + LATE_UPLOADS.length && rows.every((r) => r.status === "ready" || r.status === "failed");
        const streamsDone = gens.every((g) => g.watch.events.some((e) => e.type === "done"));
        return settled && streamsDone ? true : undefined;
      },
      "every material to settle and every watched stream to say done",
      300_000,
      250,
    );
    await Promise.all(gens.map((g) => g.watch.ended));

    // Generations: complete once, exactly COUNT questions each, no stem twice within a job; the
    // stream (through web B) ended once, with the job's end; a job cut off mid-run shows the
    // restart on its stream and carried on past it to the end.
    const jobs = await sql<{ id: string; status: string; generated_count: number; saved_count: number; attempts: number; error: string | null; drops: { reason: string }[] }[]>`
      select id, status, generated_count, saved_count, attempts, error, drops from generation_jobs`;
    expect(jobs).toHaveLength(gens.length);
    const qs = await sql<{ job: string; n: number; stems: number }[]>`
      select generation_job_id as job, count(*)::int as n, count(distinct vignette || ' | ' || lead_in)::int as stems
      from questions group by generation_job_id`;
    const seen = gens.map((g) => {
      const row = jobs.find((j) => j.id === g.jobId)!;
      const q = qs.find((x) => x.job === g.jobId);
      const events = g.watch.events;
      const restart = events.findIndex((e) => e.type === "restart");
      return {
        topic: g.topic,
        cut: cutGenJobs.includes(g.jobId),
        savedAtKill: cutGenJobs.includes(g.jobId) ? (savedAtKill.get(g.jobId) ?? 0) : null,
        status: row.status,
        generated: row.generated_count,
        saved: row.saved_count,
        questions: q?.n ?? 0,
        distinctStems: q?.stems ?? 0,
        error: row.error,
        done: events.filter((e) => e.type === "done").map((e) => `${e.status} ${e.accepted}/${e.saved}`),
        attempts: row.attempts,
        restartOnStream: restart >= 0,
        completeAfterRestart: restart >= 0 ? events.slice(restart).filter((e) => e.type === "complete").length : null,
        drops: (row.drops ?? []).map((d) => d.reason),
      };
    });
    const want = seen.map((s) => ({
      ...s,
      status: "complete",
      generated: COUNT,
      saved: COUNT,
      questions: COUNT,
      distinctStems: COUNT,
      error: null,
      done: [`complete ${COUNT}/${COUNT}`],
      attempts: s.cut ? expect.any(Number) : 1,
      restartOnStream: s.cut,
      // The rerun wrote only the questions still missing.
      completeAfterRestart: s.cut ? COUNT - s.savedAtKill! : null,
    }));
    fs.writeFileSync(path.join(logDir, "generations.json"), JSON.stringify(seen, null, 2));
    expect(seen).toEqual(want);
    for (const s of seen.filter((x) => x.cut)) expect(s.attempts, s.topic).toBeGreaterThanOrEqual(2);
    expect(seen.some((x) => x.cut && x.savedAtKill! >= 1), "a job cut off with questions saved and others to write").toBe(true);
    expect(via(gens, WEB_A)).toBeGreaterThan(0);
    expect(via(gens, WEB_B)).toBeGreaterThan(0);

    // Materials: ready, each passage once in Postgres and once in Chroma, as many as the file has.
    const chromaClient = new ChromaClient({ host: "127.0.0.1", port: chroma.port });
    const collections = (await chromaClient.listCollections()).filter((c) => c.name.startsWith("studyin-"));
    const rows = await materialRows();
    const chunks = await sql<{ material_id: string; user_id: string; n: number; ordinals: number }[]>`
      select material_id, min(user_id::text) as user_id, count(*)::int as n, count(distinct ordinal)::int as ordinals
      from material_chunks group by material_id`;
    for (const [file, id] of materialIds) {
      const m = rows.find((r) => r.id === id)!;
      expect(m, file).toMatchObject({ status: "ready", failure_reason: null, chunk_count: expected.get(file) });
      const c = chunks.find((x) => x.material_id === id)!;
      expect({ n: c.n, ordinals: c.ordinals }, file).toEqual({ n: expected.get(file), ordinals: expected.get(file) });
      let vectors = 0;
      for (const col of collections) vectors += (await col.get({ where: { $and: [{ userId: c.user_id }, { materialId: id }] }, include: [] })).ids.length;
      expect(vectors, file).toBe(expected.get(file));
    }

    // The surviving worker ran every job the killed one held, as their second attempt.
    for (const id of cutGen) expect(survivor.output()).toMatch(new RegExp(`\\[jobs\\] generate-questions ${id} started \\(attempt 2 of`));
    for (const id of cutIngest) expect(survivor.output()).toMatch(new RegExp(`\\[jobs\\] ingest-material ${id} started \\(attempt 2 of`));
    // Both workers took generations and ingestions before the kill.
    for (const w of workers) {
      expect(startedJobs(w, "generate-questions").size, w.name).toBeGreaterThan(0);
      expect(startedJobs(w, "ingest-material").size, w.name).toBeGreaterThan(0);
    }
    for (const s of students) await s.ctx.close();
  });
});

const via = (gens: { via: string }[], base: string) => gens.filter((g) => g.via === base).length;
