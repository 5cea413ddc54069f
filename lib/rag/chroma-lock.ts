/**
 * One owner per embedded Chroma data directory, like PGlite's lock (db/pglite-lock.ts): two Chroma
 * servers on one directory corrupt it. The owner file records the app process that owns the
 * directory and the Chroma server (and its supervisor) it started. On start:
 * - no file, or one left by this process: take it;
 * - the owner is alive: fail with ChromaLockedError, which says what to do;
 * - the owner is dead: its server may live on (an orphan from before servers were bound to their
 *   app's life, or a supervisor killed with SIGKILL). It is stopped, not reused: a reused server
 *   would outlive this app too, may sit on another port than CHROMA_PORT, and starting a fresh one
 *   takes about a second.
 */
import fs from "node:fs";
import path from "node:path";

export const OWNER_FILE = "studyin-owner.json";

export type ChromaOwner = { ownerPid: number; serverPid?: number; supervisorPid?: number; port?: number };

export class ChromaLockedError extends Error {
  constructor(
    public readonly dataDir: string,
    public readonly ownerPid: number,
  ) {
    super(
      `The embedded Chroma in ${dataDir} is already used by process ${ownerPid} (another Studyin server). ` +
        `Two Chroma servers on one data directory would corrupt it. ` +
        `Stop the other Studyin process first, or set CHROMA_URL to use a Chroma server.`,
    );
    this.name = "ChromaLockedError";
  }
}

export function isAlive(pid: number | undefined): pid is number {
  if (!pid || !Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * True when `pid` is still a process of ours for this directory, not a recycled pid: its command
 * line names the chromadb CLI or our supervisor, and the directory. Where /proc is missing, the
 * owner file's word is taken.
 */
function isOurChroma(pid: number, dataDir: string): boolean {
  try {
    const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ");
    return (cmd.includes("chromadb") || cmd.includes("chroma-supervisor")) && cmd.includes(dataDir);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code !== "ENOENT" || !fs.existsSync("/proc/self");
  }
}

async function stopProcess(pid: number): Promise<void> {
  const gone = async (ms: number) => {
    for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) if (!isAlive(pid)) return true;
    return !isAlive(pid);
  };
  try {
    process.kill(pid, "SIGTERM");
  } catch {
    return;
  }
  if (await gone(3000)) return;
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    return;
  }
  await gone(3000);
}

const read = (file: string): ChromaOwner | null => {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as ChromaOwner;
  } catch {
    return null; // missing or half-written: nobody we can identify
  }
};

/**
 * Takes the directory for this process (stopping a dead owner's leftover server), or throws
 * ChromaLockedError. Returns `record` (to note the server once started) and `release`.
 */
export async function acquireChromaDir(dataDir: string): Promise<{ record: (o: Omit<ChromaOwner, "ownerPid">) => void; release: () => void }> {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, OWNER_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify({ ownerPid: process.pid }), { flag: "wx" });
      const write = (o: ChromaOwner) => fs.writeFileSync(file, JSON.stringify(o));
      const release = () => {
        if (read(file)?.ownerPid === process.pid) fs.rmSync(file, { force: true });
      };
      process.once("exit", release);
      return { record: (o) => write({ ownerPid: process.pid, ...o }), release };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const owner = read(file);
      if (owner && owner.ownerPid !== process.pid && isAlive(owner.ownerPid)) throw new ChromaLockedError(dataDir, owner.ownerPid);
      // A dead owner (or this process's own earlier server): stop what it left running, take over.
      for (const pid of [owner?.supervisorPid, owner?.serverPid])
        if (isAlive(pid) && isOurChroma(pid, dataDir)) {
          console.warn(`[chroma] stopping Chroma process ${pid} left on ${dataDir} by process ${owner?.ownerPid}`);
          await stopProcess(pid);
        }
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not take the embedded Chroma directory ${dataDir}`);
}
