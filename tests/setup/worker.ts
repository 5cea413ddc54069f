/** Test-only: a real `npm run worker` process (node --import tsx scripts/worker.ts) with its output captured. */
import { type ChildProcess, spawn } from "node:child_process";

export type TestWorker = {
  child: ChildProcess;
  output: () => string;
  /** Resolves once the output matches. */
  waitFor: (re: RegExp, timeoutMs?: number) => Promise<void>;
  exited: Promise<number | null>;
  stop: () => Promise<void>;
};

export function spawnWorker(env: Record<string, string | undefined>): TestWorker {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts"], {
    cwd: process.cwd(),
    env: { ...env, NODE_ENV: "production" } as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  const waiters: (() => void)[] = [];
  const onData = (d: Buffer) => {
    out += d.toString();
    for (const w of waiters.splice(0)) w();
  };
  child.stdout!.on("data", onData);
  child.stderr!.on("data", onData);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const waitFor = (re: RegExp, timeoutMs = 120_000) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`worker output never matched ${re}:\n${out}`)), timeoutMs);
      const check = () => {
        if (re.test(out)) {
          clearTimeout(timer);
          resolve();
        } else if (child.exitCode !== null) {
          clearTimeout(timer);
          reject(new Error(`worker exited (${child.exitCode}) before ${re}:\n${out}`));
        } else waiters.push(check);
      };
      check();
    });
  return {
    child,
    output: () => out,
    waitFor,
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

/** Polls `check` until it returns a value (not undefined) or the time is up. */
export async function until<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 120_000, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
