/**
 * The embedded Chroma's life, with real processes: a server is bound to the app process that
 * started it (it goes when the app is killed), a second live owner of the data directory fails
 * clearly, and a server orphaned by a dead app is stopped before a new one starts.
 */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { isAlive } from "./chroma-lock";
import { ChromaLockedError, type ChromaServer, startChromaServer } from "./chroma-server";

const children: ChildProcess[] = [];
const servers: ChromaServer[] = [];
const strays: number[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.stop();
  for (const c of children.splice(0)) c.kill("SIGKILL");
  for (const pid of strays.splice(0)) if (isAlive(pid)) process.kill(pid, "SIGKILL");
});

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), "studyin-chroma-life-"));

async function gone(pid: number, ms = 10_000) {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) if (!isAlive(pid)) return true;
  return false;
}

/** An app process holding the embedded Chroma on `dir`; resolves with its first line of output. */
function holder(dir: string): Promise<{ child: ChildProcess; out: string; info?: { pid: number; serverPid: number; url: string } }> {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/setup/hold-chroma.ts", dir], { cwd: process.cwd(), stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  return new Promise((resolve) => {
    let out = "";
    const onData = (d: Buffer) => {
      out += d.toString();
      const line = out.split("\n").find((l) => l.startsWith("{"));
      if (line) {
        const info = JSON.parse(line) as { pid: number; serverPid: number; url: string };
        strays.push(info.serverPid);
        resolve({ child, out, info });
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.on("exit", () => resolve({ child, out }));
  });
}

describe("embedded Chroma", () => {
  it("stops when the app process that started it is killed (SIGKILL), and the next start takes over", async () => {
    const dir = tempDir();
    const app = await holder(dir);
    expect(app.info, app.out).toBeDefined();
    expect(isAlive(app.info!.serverPid)).toBe(true);

    app.child.kill("SIGKILL"); // no exit hooks run
    expect(await gone(app.info!.serverPid)).toBe(true);

    const next = await startChromaServer({ dataDir: dir });
    servers.push(next);
    expect((await fetch(`${next.url}/api/v2/heartbeat`)).ok).toBe(true);
  }, 60_000);

  it("a second process on the same data directory fails with a clear message", async () => {
    const dir = tempDir();
    const first = await holder(dir);
    expect(first.info, first.out).toBeDefined();

    const second = await holder(dir);
    expect(second.info).toBeUndefined();
    expect(second.out).toContain("ChromaLockedError");
    expect(second.out).toContain(`already used by process ${first.info!.pid}`);
    expect(second.out).toContain("CHROMA_URL");

    // In this process too, before any second server starts.
    await expect(startChromaServer({ dataDir: dir })).rejects.toBeInstanceOf(ChromaLockedError);
    expect((await fetch(`${first.info!.url}/api/v2/heartbeat`)).ok).toBe(true); // the first one is untouched
  }, 60_000);

  it("a live Chroma orphaned by a dead app is stopped before a new one starts", async () => {
    const dir = tempDir();
    // An orphan as the old code left one: the CLI started directly, its app since dead.
    const cli = path.join(process.cwd(), "node_modules", "chromadb", "dist", "cli.mjs");
    const orphan = spawn(process.execPath, [cli, "run", "--path", dir, "--port", "0"], { stdio: "ignore", detached: true });
    strays.push(orphan.pid!);
    const deadApp = spawn(process.execPath, ["-e", ""]);
    await new Promise((r) => deadApp.once("exit", r));
    fs.writeFileSync(path.join(dir, "studyin-owner.json"), JSON.stringify({ ownerPid: deadApp.pid, serverPid: orphan.pid }));
    await new Promise((r) => setTimeout(r, 500));
    expect(isAlive(orphan.pid)).toBe(true);

    const fresh = await startChromaServer({ dataDir: dir });
    servers.push(fresh);
    expect(isAlive(orphan.pid)).toBe(false);
    expect(fresh.pid).not.toBe(orphan.pid);
    expect(JSON.parse(fs.readFileSync(path.join(dir, "studyin-owner.json"), "utf8"))).toMatchObject({ ownerPid: process.pid, serverPid: fresh.pid });
  }, 60_000);
});
