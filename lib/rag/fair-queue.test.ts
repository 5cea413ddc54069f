import { describe, expect, test } from "vitest";
import { FairQueue } from "./fair-queue";

/** A job runner whose jobs finish only when the test says so; records the order they start in. */
function controlled() {
  const started: string[] = [];
  const finish = new Map<string, () => void>();
  const run = (job: { user: string; id: string }) =>
    new Promise<void>((resolve) => {
      started.push(job.id);
      finish.set(job.id, resolve);
    });
  const done = async (id: string) => {
    finish.get(id)!();
    await new Promise((r) => setImmediate(r));
  };
  return { started, run, done };
}

const job = (user: string, id: string) => ({ user, id });

describe("FairQueue", () => {
  test("a student's slow file in flight does not hold back another student's file", async () => {
    const c = controlled();
    const q = new FairQueue({ concurrency: 2, key: (j: { user: string }) => j.user, run: c.run });
    q.push(job("A", "a-slow"));
    q.push(job("A", "a2"));
    q.push(job("A", "a3"));
    q.push(job("B", "b-note"));
    // A has one file in flight (at most one per student); B's starts beside it at once.
    expect(c.started).toEqual(["a-slow", "b-note"]);
    await c.done("b-note");
    // B is done; A's next file still waits for A's first: one at a time per student.
    expect(c.started).toEqual(["a-slow", "b-note"]);
    await c.done("a-slow");
    expect(c.started).toEqual(["a-slow", "b-note", "a2"]);
  });

  test("students take turns: round-robin across students, first-in first-out within one", async () => {
    const c = controlled();
    const q = new FairQueue({ concurrency: 1, key: (j: { user: string }) => j.user, run: c.run });
    for (const id of ["a1", "a2", "a3"]) q.push(job("A", id));
    for (const id of ["b1", "b2"]) q.push(job("B", id));
    q.push(job("C", "c1"));
    for (let i = 0; i < 6; i++) await c.done(c.started.at(-1)!);
    expect(c.started).toEqual(["a1", "b1", "c1", "a2", "b2", "a3"]);
  });

  test("never runs more than the concurrency at once, and reports what is queued or running", async () => {
    const c = controlled();
    const q = new FairQueue({ concurrency: 2, key: (j: { user: string }) => j.user, run: c.run });
    for (const u of ["A", "B", "C", "D"]) q.push(job(u, u.toLowerCase()));
    expect(c.started).toEqual(["a", "b"]);
    expect(q.has((j) => j.id === "d")).toBe(true);
    await c.done("a");
    expect(c.started).toEqual(["a", "b", "c"]);
    expect(q.has((j) => j.id === "a")).toBe(false);
  });

  test("a failing job does not stop the queue; idle() resolves when all are done", async () => {
    const seen: string[] = [];
    const q = new FairQueue({
      concurrency: 1,
      key: (j: { user: string }) => j.user,
      run: async (j: { user: string; id: string }) => {
        seen.push(j.id);
        if (j.id === "bad") throw new Error("boom");
      },
    });
    q.push(job("A", "bad"));
    q.push(job("A", "good"));
    await q.idle();
    expect(seen).toEqual(["bad", "good"]);
    await q.idle(); // already idle
  });
});
