/**
 * The embedded Chroma server: started from the chromadb package's own CLI as a child process when
 * CHROMA_URL is unset. Never at import time (`next build` imports this module); the caller starts
 * it on first use. The child is killed when this process exits.
 */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

export type ChromaServer = {
  url: string;
  port: number;
  pid: number | undefined;
  /** True once the child has exited (crashed or stopped). */
  exited: () => boolean;
  stop: () => Promise<void>;
};

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function heartbeat(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/api/v2/heartbeat`, { signal: AbortSignal.timeout(1000) });
    return res.ok;
  } catch {
    return false;
  }
}

const children = new Set<ChildProcess>();
let exitHooksInstalled = false;

function installExitHooks() {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  const killAll = () => {
    for (const c of children) c.kill("SIGTERM");
  };
  process.once("exit", killAll);
  for (const sig of ["SIGTERM", "SIGINT"] as const) {
    process.once(sig, () => {
      killAll();
      // If nobody else (e.g. Next's server) handles the signal, keep its default meaning: exit.
      if (process.listenerCount(sig) === 0) process.exit(sig === "SIGINT" ? 130 : 143);
    });
  }
}

/** Starts `chroma run` on `port` (0: a free one) with data under `dataDir`; resolves once it answers. */
export async function startChromaServer(opts: { dataDir: string; port?: number; timeoutMs?: number }): Promise<ChromaServer> {
  const port = opts.port || (await freePort());
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const cli = path.join(process.cwd(), "node_modules", "chromadb", "dist", "cli.mjs");
  const child = spawn(process.execPath, [cli, "run", "--path", opts.dataDir, "--port", String(port)], {
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, NO_COLOR: "1" },
  });
  children.add(child);
  installExitHooks();
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-2000);
  });
  let exited: number | null = null;
  const exitedPromise = new Promise<void>((resolve) =>
    child.once("exit", (code) => {
      exited = code ?? -1;
      children.delete(child);
      resolve();
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.timeoutMs ?? 20_000);
  while (!(await heartbeat(url))) {
    if (exited !== null) throw new Error(`Chroma server exited with code ${exited}: ${stderr.trim() || "no output"}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`Chroma server did not answer on port ${port} within ${opts.timeoutMs ?? 20_000} ms`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    port,
    pid: child.pid,
    exited: () => exited !== null,
    stop: async () => {
      if (exited !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
      await exitedPromise;
      clearTimeout(timer);
    },
  };
}
