import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "./index";
import { DatabaseLockedError } from "./pglite-lock";

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill("SIGKILL");
});

/** Starts a process that opens the embedded database in `dir`; resolves with its output when it settles. */
function opener(dir: string): { child: ChildProcess; settled: Promise<{ out: string; code: number | null }> } {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/setup/open-pglite.ts", dir], {
    cwd: process.cwd(),
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let out = "";
  const settled = new Promise<{ out: string; code: number | null }>((resolve) => {
    const onData = (d: Buffer) => {
      out += d.toString();
      if (out.includes("opened")) resolve({ out, code: null });
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.on("exit", (code) => resolve({ out, code }));
  });
  return { child, settled };
}

describe("embedded PGlite data directory", () => {
  it("a second process opening the same directory fails with a clear message", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "studyin-lock-"));
    const first = opener(dir);
    expect((await first.settled).out).toContain("opened");

    const second = opener(dir);
    const { out, code } = await second.settled;
    expect(code).toBe(1);
    expect(out).toContain("DatabaseLockedError");
    expect(out).toContain(`already open in process ${first.child.pid}`);
    expect(out).toContain("DATABASE_URL");

    // In this process too, before PGlite touches the files.
    await expect(openDatabase({ pgliteDir: dir })).rejects.toBeInstanceOf(DatabaseLockedError);
  }, 60_000);

  it("a lock left by a dead process is taken over", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "studyin-lock-"));
    const first = opener(dir);
    expect((await first.settled).out).toContain("opened");
    first.child.kill("SIGKILL"); // dies without releasing the lock
    await new Promise((r) => first.child.once("exit", r));
    expect(fs.existsSync(path.join(dir, "owner.pid"))).toBe(true);

    const h = await openDatabase({ pgliteDir: dir }, { migrate: true });
    const rows = await h.db.query.users.findMany();
    expect(rows).toEqual([]);
    await h.close();
    expect(fs.existsSync(path.join(dir, "owner.pid"))).toBe(false);
  }, 60_000);
});
