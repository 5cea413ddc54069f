/**
 * The one validated configuration. This is the only module that reads `process.env`.
 *
 * Every setting has a default for the embedded mode (PGlite, a child Chroma server, an in-process
 * rate limiter, the offline generator and embedder); setting one variable switches a part to the
 * real service. A bad value stops start-up with a message that names the variable.
 */
import { z } from "zod";

const int = (def: number, min = 0, max = Number.MAX_SAFE_INTEGER) =>
  z.coerce.number().int().min(min).max(max).default(def);
const num = (def: number, min = 0, max = Number.MAX_VALUE) => z.coerce.number().min(min).max(max).default(def);
const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();
const optionalUrl = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .pipe(z.url().optional())
  .optional();
const bool = (def: boolean) =>
  z
    .enum(["true", "false", "1", "0", "yes", "no", ""])
    .optional()
    .transform((v) => (v === undefined || v === "" ? def : v === "true" || v === "1" || v === "yes"));
const list = (def: string[]) =>
  z
    .string()
    .optional()
    .transform((v) =>
      v === undefined ? def : v.split(",").map((s) => s.trim().toLowerCase()).filter(Boolean),
    );

export const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),

    // --- Storage -----------------------------------------------------------------------------
    /** Postgres connection string. Unset: embedded PGlite under DATA_DIR. */
    DATABASE_URL: optionalUrl,
    /**
     * Connections per app process in the Postgres pool (DATABASE_URL only). Small on purpose: an
     * answer is two statements without a transaction, each holding a connection for its own round
     * trip only, and on our 2-core machines 4-5 served 15-20% more answers/s than 10 (fewer backends
     * competing for the CPU, more pipelining per connection).
     */
    DATABASE_POOL_SIZE: int(5, 1, 200),
    /**
     * A Postgres connection not ready within this many seconds fails (postgres-js's own default is
     * 30 s): while the database is unreachable, requests answer 503 quickly instead of hanging.
     */
    DATABASE_CONNECT_TIMEOUT_SECONDS: int(5, 1, 120),
    /** Postgres cancels an app statement running longer than this (0: no limit). Not applied to migrations. */
    DATABASE_STATEMENT_TIMEOUT_MS: int(15_000, 0, 3_600_000),
    /** Where embedded data lives (PGlite, Chroma, the generated auth secret, uploads). */
    DATA_DIR: z.string().default(".data"),
    /** Chroma server URL. Unset: a Chroma server is started from the chromadb package. */
    CHROMA_URL: optionalUrl,
    /** Port for the embedded Chroma server (0 picks a free port). */
    CHROMA_PORT: int(0, 0, 65535),
    /** Redis URL for rate limits. Unset: an in-process limiter. */
    REDIS_URL: optionalUrl,

    // --- Auth --------------------------------------------------------------------------------
    /** Signs session JWTs. Unset: generated once and kept in DATA_DIR/auth-secret. */
    AUTH_SECRET: optionalString,
    /** The app's public URL (Auth.js reads it too). Unset: taken from each request's headers. */
    AUTH_URL: optionalUrl,
    AUTH_GITHUB_ID: optionalString,
    AUTH_GITHUB_SECRET: optionalString,
    /**
     * Reverse proxies in front of the app that append to X-Forwarded-For (0: none). With 0, per-IP
     * limits use the TCP peer's address and ignore the header; with N, the address the outermost of
     * N trusted proxies saw (lib/auth/client-ip.ts).
     */
    TRUSTED_PROXY_HOPS: int(0, 0, 10),
    /** Sign-in attempts per email from one address (an attacker elsewhere cannot use them up). */
    SIGNIN_LIMIT_PER_EMAIL: int(5, 1),
    /**
     * Backstop: sign-in attempts per email from all addresses together (0: none). Guessing spread
     * over many addresses stops here; locking the owner out takes this many attempts per window.
     */
    SIGNIN_LIMIT_PER_EMAIL_GLOBAL: int(100, 0),
    SIGNIN_LIMIT_PER_IP: int(20, 1),
    SIGNIN_LIMIT_WINDOW_SECONDS: int(900, 1),
    /**
     * How long this process trusts one answer of the session check (is the session still live?).
     * Sign-out takes effect at once on the instance that handled it, within this on the others.
     */
    SESSION_CHECK_CACHE_SECONDS: int(5, 0, 300),

    // --- Models ------------------------------------------------------------------------------
    /** Unset together with OPENAI_BASE_URL: the offline generator and embedder. */
    OPENAI_API_KEY: optionalString,
    /** An OpenAI-compatible server (Ollama, vLLM, llama.cpp, LM Studio). Uses chat completions. */
    OPENAI_BASE_URL: optionalUrl,
    QUESTION_GEN_MODEL: z.string().min(1).default("gpt-4o-mini"),
    /** Embedding model for the configured provider. Unset or "offline": the lexical embedder. */
    EMBEDDING_MODEL: z.string().min(1).default("offline"),
    MODEL_TIMEOUT_SECONDS: int(120, 1),
    /** Output cap of one generation call (the provider's max_tokens); a reply is never unbounded. */
    MODEL_MAX_OUTPUT_TOKENS: int(8000, 256, 200_000),
    /**
     * One question's JSON may not grow past this many characters while it streams: the call is
     * stopped and the question dropped as "too long" (each field has its own bound as well).
     */
    QUESTION_MAX_CHARS: int(16_000, 2000, 1_000_000),
    /** Model of the blind solver (the second call that answers each item without its key). Unset: QUESTION_GEN_MODEL. */
    SOLVER_MODEL: optionalString,

    // --- Spaced repetition (SM-2) ------------------------------------------------------------
    SM2_MIN_EASINESS: num(1.3, 1),
    SM2_MAX_EASINESS: num(2.5, 1),
    SM2_INITIAL_EASINESS: num(2.5, 1),
    SM2_INITIAL_INTERVAL: int(1, 1),
    SM2_SECOND_INTERVAL: int(6, 1),
    /** A question whose interval reaches this many days counts as mastered. */
    SM2_MASTERED_INTERVAL_DAYS: int(21, 1),
    /** Re-answering the same question sooner than this is refused as "too fast". */
    ANSWER_MIN_INTERVAL_SECONDS: int(5, 0),
    /** Base XP of one answer, before the difficulty multiplier and the correct/confident bonuses. */
    XP_BASE: int(10, 0),

    // --- Question quality and retirement -----------------------------------------------------
    /** A question is retired only after at least this many answers (a few flags on few answers is noise). */
    QUALITY_RETIRE_MIN_ANSWERS: int(10, 1),
    /** ...and when more than this share of its answers came with a flag (the design review's 10%, docs/architecture-review.md §9). */
    QUALITY_RETIRE_FLAG_RATE: num(0.1, 0, 1),

    // --- Generation limits (docs/architecture-review.md §10) ----------------------------------
    GENERATIONS_PER_USER_PER_HOUR: int(10, 1),
    QUESTIONS_PER_USER_PER_DAY: int(100, 1),
    GENERATIONS_PER_IP_PER_HOUR: int(20, 1),
    MAX_CONCURRENT_MODEL_CALLS: int(5, 1),
    /** How long a generation waits for a free model slot before "busy, retry in N s". */
    MODEL_SLOT_WAIT_SECONDS: int(10, 0),
    /**
     * When Redis is unreachable: "local" counts in this process instead (limits hold per instance),
     * "closed" refuses the request with "service unavailable".
     */
    RATE_LIMIT_ON_REDIS_DOWN: z.enum(["local", "closed"]).default("local"),
    GENERATION_MAX_ATTEMPTS_PER_QUESTION: int(2, 1, 10),
    PROHIBITED_TERMS: list([]),

    // --- Uploads and retrieval ---------------------------------------------------------------
    UPLOAD_MAX_FILE_MB: num(50, 0.001),
    UPLOAD_MAX_PAGES: int(1000, 1),
    UPLOAD_MAX_USER_TOTAL_MB: num(500, 0.001),
    /**
     * Budgets of the PDF reader, a child process per file: its resident memory (heap included),
     * seconds per page (and to open the document), seconds per file, characters of text per page.
     * Past any of them the reader is killed and the material fails with the reason.
     */
    UPLOAD_EXTRACT_MEMORY_MB: int(512, 64, 16384),
    UPLOAD_PAGE_TIMEOUT_SECONDS: num(10, 0.1),
    UPLOAD_FILE_TIMEOUT_SECONDS: num(300, 1),
    UPLOAD_MAX_PAGE_CHARS: int(200_000, 1000),
    /**
     * Materials each worker process ingests at once (each student has at most one in progress across
     * all workers).
     */
    INGEST_CONCURRENCY: int(2, 1, 32),
    /**
     * An ingestion still running after this long is failed by the job engine and retried (a worker
     * killed mid-file is noticed this late; a restart or a stop is noticed at once).
     */
    INGEST_JOB_TIMEOUT_SECONDS: int(900, 5, 86_000),
    /** Retries of an ingestion that failed for a reason other than the file (a crash, the database), with backoff. */
    INGEST_JOB_RETRIES: int(3, 0, 20),
    CHUNK_SIZE_WORDS: int(300, 50, 2000),
    CHUNK_OVERLAP_WORDS: int(40, 0, 500),
    RETRIEVAL_TOP_K: int(8, 1, 50),

    // --- Background jobs (pg-boss) -------------------------------------------------------------
    /**
     * "on": this process runs job workers (ingestion) beside the web server. "off": it only enqueues,
     * and `npm run worker` processes do the work (Postgres only: an embedded database has one owner).
     */
    WORKERS: z.enum(["on", "off"]).default("on"),
    /** The Postgres schema pg-boss keeps its tables in (created on start). */
    JOBS_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, "must be a lower-case SQL identifier").default("pgboss"),
    /** How often an idle worker asks for the next job (a job enqueued in the same process wakes it at once). */
    JOBS_POLL_SECONDS: num(0.5, 0.5, 60),
    /** On SIGTERM a worker process lets its running jobs finish for this long, then hands them back. */
    WORKER_STOP_GRACE_SECONDS: int(20, 0, 3600),
    /** How often the engine expires jobs of dead workers and hands failures on. */
    JOBS_MAINTENANCE_SECONDS: int(30, 1, 3600),
    /**
     * Generations each worker process runs at once. The system-wide cap on model calls in flight
     * (MAX_CONCURRENT_MODEL_CALLS, a Redis lease when REDIS_URL is set) still holds across workers.
     */
    GENERATION_CONCURRENCY: int(5, 1, 64),
    /**
     * A generation still running after this long is failed by the job engine and retried (a worker
     * killed outright is noticed this late; a stop or a restart hands its jobs back at once). Unset:
     * the longest a run can take (MODEL_TIMEOUT_SECONDS for each of its rounds) plus a minute. The
     * run itself stops 10 s before it, so a live worker never overlaps its own retry.
     */
    GENERATION_JOB_TIMEOUT_SECONDS: z.coerce.number().int().min(15).max(86_000).optional(),
    /** Retries of a generation cut off by a crash or a killed worker; the retry writes only what is missing. */
    GENERATION_JOB_RETRIES: int(2, 0, 10),
    /** Streams of generation jobs one student may open per minute (each holds a connection while open). */
    JOB_STREAMS_PER_USER_PER_MINUTE: int(120, 1),
    /** How long a generation's event log (what a reload replays) is kept after the run ends. */
    GENERATION_EVENTS_TTL_SECONDS: int(86_400, 60, 30 * 86_400),

    // --- Test hooks ---------------------------------------------------------------------------
    /** Enables test-only hooks (e.g. moving the clock for a browser test). Never set in production use. */
    STUDYIN_TEST_HOOKS: bool(false),
  })
  .superRefine((v, ctx) => {
    if (v.SM2_MIN_EASINESS > v.SM2_MAX_EASINESS)
      ctx.addIssue({ code: "custom", path: ["SM2_MIN_EASINESS"], message: "must not exceed SM2_MAX_EASINESS" });
    if (v.SM2_INITIAL_EASINESS < v.SM2_MIN_EASINESS || v.SM2_INITIAL_EASINESS > v.SM2_MAX_EASINESS)
      ctx.addIssue({ code: "custom", path: ["SM2_INITIAL_EASINESS"], message: "must lie between SM2_MIN_EASINESS and SM2_MAX_EASINESS" });
    // On Postgres, web processes and worker processes run side by side: progress crosses through
    // Redis. An embedded data directory has one owner at a time, so there is no one to send it to.
    if (v.WORKERS === "off" && v.DATABASE_URL && !v.REDIS_URL)
      ctx.addIssue({
        code: "custom",
        path: ["WORKERS"],
        message: "WORKERS=off on PostgreSQL needs REDIS_URL: separate worker processes send generation progress to the web processes through Redis",
      });
    if (v.CHUNK_OVERLAP_WORDS >= v.CHUNK_SIZE_WORDS)
      ctx.addIssue({ code: "custom", path: ["CHUNK_OVERLAP_WORDS"], message: "must be smaller than CHUNK_SIZE_WORDS" });
  });

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EnvError";
  }
}

/** Parses a raw environment; throws an EnvError naming every bad variable. */
export function parseEnv(raw: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".") || "(env)"}: ${i.message}`);
    throw new EnvError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return result.data;
}

let cached: Env | undefined;

/** The configuration of this process, parsed once on first use. */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Which model provider is active: an OpenAI(-compatible) server, or the offline generator. */
export function llmMode(e: Env = getEnv()): "openai" | "openai-compatible" | "offline" {
  if (e.OPENAI_BASE_URL) return "openai-compatible";
  if (e.OPENAI_API_KEY) return "openai";
  return "offline";
}

/** Test-only: forget the parsed configuration so a test can change process.env. */
export function resetEnvForTests() {
  cached = undefined;
}
