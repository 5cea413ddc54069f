/**
 * The embedded Chroma server: started from the chromadb package's own CLI as a child process when
 * CHROMA_URL is unset. Never at import time (`next build` imports this module); the caller starts
 * it on first use. One owner per data directory (chroma-lock.ts); the server is stopped when this
 * process exits or dies (chroma-supervisor.mjs).
 */
import { type ChildProcess, spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { acquireChromaDir, isAlive } from "./chroma-lock";

export { ChromaLockedError } from "./chroma-lock";

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

/**
 * Starts `chroma run` on `port` (0: a free one) with data under `dataDir`; resolves once it answers.
 * The directory is locked to this process first (lib/rag/chroma-lock.ts: a live owner elsewhere
 * fails with ChromaLockedError, a dead owner's leftover server is stopped). The server runs under
 * a small supervisor (chroma-supervisor.mjs) that stops it when this process dies, however it dies.
 */
export async function startChromaServer(opts: { dataDir: string; port?: number; timeoutMs?: number }): Promise<ChromaServer> {
  const lock = await acquireChromaDir(opts.dataDir);
  try {
    return await spawnServer(opts, lock);
  } catch (e) {
    lock.release();
    throw e;
  }
}

async function spawnServer(
  opts: { dataDir: string; port?: number; timeoutMs?: number },
  lock: Awaited<ReturnType<typeof acquireChromaDir>>,
): Promise<ChromaServer> {
  const port = opts.port || (await freePort());
  const cli = path.join(process.cwd(), "node_modules", "chromadb", "dist", "cli.mjs");
  const supervisor = path.join(process.cwd(), "lib", "rag", "chroma-supervisor.mjs");
  // spawn with an "ipc" stdio is fork; written as spawn so the bundler does not try to resolve the
  // file as a module.
  const child = spawn(process.execPath, [supervisor, cli, "run", "--path", opts.dataDir, "--port", String(port)], {
    stdio: ["ignore", "ignore", "pipe", "ipc"],
  });
  children.add(child);
  installExitHooks();
  let serverPid: number | undefined;
  const serverStarted = new Promise<void>((resolve) =>
    child.on("message", (m: { type?: string; pid?: number }) => {
      if (m.type !== "server") return;
      serverPid = m.pid;
      lock.record({ serverPid, supervisorPid: child.pid, port });
      resolve();
    }),
  );
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-2000);
  });
  let exited: number | null = null;
  const exitedPromise = new Promise<void>((resolve) =>
    child.once("exit", (code) => {
      exited = code ?? -1;
      children.delete(child);
      lock.release();
      resolve();
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.timeoutMs ?? 20_000);
  while (!(await heartbeat(url))) {
    if (exited !== null) throw new Error(`Chroma server exited with code ${exited}: ${stderr.trim() || "no output"}`);
    if (Date.now() > deadline) {
      child.kill("SIGTERM");
      await exitedPromise;
      throw new Error(`Chroma server did not answer on port ${port} within ${opts.timeoutMs ?? 20_000} ms`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await serverStarted;
  return {
    url,
    port,
    pid: serverPid,
    exited: () => exited !== null,
    stop: async () => {
      if (exited !== null) return;
      child.kill("SIGTERM"); // the supervisor stops the server, then exits
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
        if (serverPid && isAlive(serverPid)) process.kill(serverPid, "SIGKILL");
      }, 5000);
      await exitedPromise;
      clearTimeout(timer);
    },
  };
}
