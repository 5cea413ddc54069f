/**
 * Browser tests against a production build (`next build` + `next start`) in Debian's Chromium.
 * Each run uses its own port, build dir and embedded data dir (or DATABASE_URL's database), so two
 * runs never share state. No browser download: executablePath points at /usr/bin/chromium.
 */
import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT || 3100);
const baseURL = `http://127.0.0.1:${port}`;
const distDir = `.next-e2e-${port}`; // .ci/run builds into the same dir before both of its passes
const dataDir = process.env.E2E_DATA_DIR || `.data-e2e-${port}`;
// Question generation against a real OpenAI-compatible HTTP server: a local SSE test server
// (tests/llm-server) and a second `next start` of the same build pointed at it.
const llmPort = Number(process.env.E2E_LLM_PORT || port + 2);
const llmAppPort = port + 1;
process.env.E2E_LLM_URL = `http://127.0.0.1:${llmPort}`;
process.env.E2E_LLM_APP_URL = `http://127.0.0.1:${llmAppPort}`;

export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  webServer: [
    {
      command: `bash scripts/e2e-server.sh ${port}`,
      url: `${baseURL}/api/health`,
      timeout: 300_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
      env: {
        NEXT_DIST_DIR: distDir,
        DATA_DIR: dataDir,
        NEXT_TELEMETRY_DISABLED: "1",
        STUDYIN_TEST_HOOKS: "1",
        // Generous sign-in limits: every test signs up its own user from one IP.
        SIGNIN_LIMIT_PER_IP: process.env.SIGNIN_LIMIT_PER_IP || "1000",
        // Every test generates from 127.0.0.1; the per-IP hourly limit would stop the suite.
        GENERATIONS_PER_IP_PER_HOUR: "10000",
      },
    },
    {
      command: `npx tsx tests/llm-server/server.ts --port ${llmPort} --ttft-ms 300 --token-ms 4 --token-chars 8`,
      stderr: "pipe",
      url: `${process.env.E2E_LLM_URL}/health`,
      timeout: 60_000,
      reuseExistingServer: false,
    },
    {
      // Same build (started after the first server built it), its own data dir.
      command: `bash -c 'rm -rf "$DATA_DIR" && exec node node_modules/next/dist/bin/next start -p ${llmAppPort} -H 127.0.0.1'`,
      url: `${process.env.E2E_LLM_APP_URL}/api/health`,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
      env: {
        NEXT_DIST_DIR: distDir,
        DATA_DIR: `${dataDir}-llm`,
        NEXT_TELEMETRY_DISABLED: "1",
        STUDYIN_TEST_HOOKS: "1",
        SIGNIN_LIMIT_PER_IP: process.env.SIGNIN_LIMIT_PER_IP || "1000",
        GENERATIONS_PER_IP_PER_HOUR: "10000",
        OPENAI_BASE_URL: `${process.env.E2E_LLM_URL}/v1`,
        // The stand-in model writes only from definitional sentences: give it as many passages as
        // the offline generator gets.
        RETRIEVAL_TOP_K: "16",
        QUESTION_GEN_MODEL: "e2e-question-model",
        // Its own job queue: with DATABASE_URL both servers share one database, and the first
        // server's workers (the offline writer) must not take this one's generations.
        JOBS_SCHEMA: "pgboss_llm",
      },
    },
  ],
});
