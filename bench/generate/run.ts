/**
 * bench:generate: time from pressing Generate to the first complete card, as the browser sees it.
 *
 * Builds the app once, starts two instances of it (one pointed at the local OpenAI-compatible SSE
 * test server with a fixed time to first token, one with the offline generator), signs a student
 * up in Chromium, uploads the heart chapter through the Materials page, then submits RUNS
 * generations on each and reports p50/p95. Studyin's overhead = the browser's time minus the
 * model's own time to its first complete question (measured inside the test server), plus the
 * blind solver's call on that question (the same server, also model time).
 *
 *   npm run bench:generate            (BENCH_RUNS=20 BENCH_TTFT_MS=1000 BENCH_SKIP_BUILD=1 to reuse a build)
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Page, chromium } from "@playwright/test";
import { startLlmServer } from "../../tests/llm-server/server";

const RUNS = Number(process.env.BENCH_RUNS || 20);
const TTFT_MS = Number(process.env.BENCH_TTFT_MS || 1000);
const BASE_PORT = Number(process.env.BENCH_PORT || 3125);
const DIST = ".next-bench";
const CHAPTER = path.resolve("../shared/corpus/openstax-ap2e/the-cardiovascular-system-the-heart.md");
// Topics the stand-in model can write three questions for from the heart chapter (it only uses definitional
// sentences; "cardiac muscle" passages define only three terms once "The result is …" no longer counts as one).
const TOPICS = ["heart valves", "coronary circulation", "heart chambers"];

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
};
const fmt = (ms: number) => `${ms.toFixed(0)} ms`;

function startApp(port: number, env: Record<string, string>): ChildProcess {
  const dataDir = `.data-bench-${port}`;
  fs.rmSync(dataDir, { recursive: true, force: true });
  const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    env: {
      ...process.env,
      NEXT_DIST_DIR: DIST,
      DATA_DIR: dataDir,
      NEXT_TELEMETRY_DISABLED: "1",
      GENERATIONS_PER_USER_PER_HOUR: "100000",
      GENERATIONS_PER_IP_PER_HOUR: "100000",
      QUESTIONS_PER_USER_PER_DAY: "100000",
      SIGNIN_LIMIT_PER_IP: "1000",
      ...env,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  return child;
}

async function waitHealthy(url: string, timeoutMs = 120_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not become healthy`);
}

async function prepareStudent(page: Page, base: string) {
  const id = Math.random().toString(36).slice(2, 8);
  await page.goto(`${base}/sign-up`);
  await page.getByLabel("Name (optional)").fill(`Bench ${id}`);
  await page.getByLabel("Email").fill(`bench-${id}@example.test`);
  await page.getByLabel("Password").fill(`pw-${id}-Secret!`);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.getByTestId("user-email").waitFor();
  await page.goto(`${base}/materials`);
  await page.getByLabel("Choose files to upload").setInputFiles(CHAPTER);
  await page.getByTestId("material-row").filter({ hasText: path.basename(CHAPTER) }).getByTestId("material-status").filter({ hasText: /^Ready/ }).waitFor({ timeout: 120_000 });
  await page.goto(`${base}/generate`);
  // Preview mode: every run sees the same bank, so no run's first card is dropped as a duplicate of the last run's.
  await page.getByRole("checkbox", { name: /Preview/ }).check();
  await page.getByLabel("How many questions").fill("3");
}

/** Submits and resolves with ms from the click to the first complete card (measured in the page). */
async function timeFirstCard(page: Page, topic: string): Promise<number> {
  await page.getByLabel("Topic").fill(topic);
  const ms = await page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const button = [...document.querySelectorAll("button")].find((b) => b.textContent === "Generate")!;
        const t0 = performance.now();
        const observer = new MutationObserver(() => {
          if (document.querySelector('[data-testid="question-card"][data-state="complete"]')) {
            observer.disconnect();
            resolve(performance.now() - t0);
          } else if (document.querySelector('[data-testid="generation-error"]')) {
            observer.disconnect();
            reject(new Error(document.querySelector('[data-testid="generation-error"]')!.textContent ?? "error"));
          }
        });
        observer.observe(document.body, { subtree: true, childList: true, attributes: true });
        button.click();
      }),
  );
  await page.getByTestId("generation-summary").waitFor({ timeout: 60_000 });
  return ms;
}

async function main() {
  if (!(process.env.BENCH_SKIP_BUILD && fs.existsSync(DIST))) {
    console.log(`Building the app into ${DIST} ...`);
    const b = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], { env: { ...process.env, NEXT_DIST_DIR: DIST, NEXT_TELEMETRY_DISABLED: "1" }, stdio: "ignore" });
    if (b.status !== 0) throw new Error("next build failed");
  }
  const llm = await startLlmServer({ ttftMs: TTFT_MS, tokenMs: 4, tokenChars: 8 });
  const llmBase = `http://127.0.0.1:${BASE_PORT}`;
  const offBase = `http://127.0.0.1:${BASE_PORT + 1}`;
  const apps = [
    startApp(BASE_PORT, { OPENAI_BASE_URL: llm.url, QUESTION_GEN_MODEL: "bench-model", RETRIEVAL_TOP_K: "16" }),
    startApp(BASE_PORT + 1, { OPENAI_BASE_URL: "", OPENAI_API_KEY: "" }),
  ];
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
  try {
    await Promise.all([waitHealthy(llmBase), waitHealthy(offBase)]);

    const page = await browser.newPage();
    await prepareStudent(page, llmBase);
    await timeFirstCard(page, TOPICS[0]!); // warm-up: compiles routes, opens connections
    const browserMs: number[] = [];
    const modelMs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const before = llm.stats.length;
      browserMs.push(await timeFirstCard(page, TOPICS[i % TOPICS.length]!));
      const calls = llm.stats.slice(before);
      const s = calls.find((c) => c.kind === "write");
      if (!s?.firstQuestionAt) throw new Error("the test server did not record the first question");
      // The first card also waits for the blind solver's call on it: model time too, not Studyin's.
      const solve = calls.find((c) => c.kind === "solve" && c.receivedAt >= s.firstQuestionAt!);
      modelMs.push(s.firstQuestionAt - s.receivedAt + (solve?.endedAt ? solve.endedAt - solve.receivedAt : 0));
    }
    const overhead = browserMs.map((b, i) => b - modelMs[i]!);

    const offPage = await browser.newPage();
    await prepareStudent(offPage, offBase);
    await timeFirstCard(offPage, TOPICS[0]!);
    const offlineMs: number[] = [];
    for (let i = 0; i < RUNS; i++) offlineMs.push(await timeFirstCard(offPage, TOPICS[i % TOPICS.length]!));

    console.log(`\nbench:generate  (${RUNS} runs each, test server time to first token ${TTFT_MS} ms, 3 questions per run; load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} on ${os.cpus().length} cores)\n`);
    console.log("                                   p50        p95");
    const row = (name: string, xs: number[]) => console.log(`${name.padEnd(34)} ${fmt(pct(xs, 50)).padEnd(10)} ${fmt(pct(xs, 95))}`);
    row("submit -> first complete card", browserMs);
    row("model's own first question", modelMs);
    row("Studyin overhead", overhead);
    row("offline: submit -> first card", offlineMs);
    const p95Share = (pct(overhead, 95) / pct(modelMs, 95)) * 100;
    console.log(
      `\nOverhead p95 ${fmt(pct(overhead, 95))} = ${p95Share.toFixed(1)}% of the model's own latency: ` +
        `goal < 15% ${p95Share < 15 ? "met" : "NOT met"}; goal < 150 ms ${pct(overhead, 95) < 150 ? "met" : "NOT met"}`,
    );
    console.log(`Offline first card p50 ${fmt(pct(offlineMs, 50))} (goal < 500 ms): ${pct(offlineMs, 50) < 500 ? "met" : "NOT met"}`);
  } finally {
    await browser.close();
    for (const a of apps) a.kill("SIGTERM");
    await llm.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
