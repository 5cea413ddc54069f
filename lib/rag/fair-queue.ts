/**
 * A job queue that is fair between students: at most `concurrency` jobs run at once, at most one
 * per key (student), and students take turns (round-robin; first in, first out within one). So a
 * student's slow file in flight holds back only that student's next files, never another's.
 * Pure: no I/O, the runner is given.
 */
export class FairQueue<J> {
  private readonly waiting = new Map<string, J[]>();
  /** When each student with work was last served (a counter): the longest-waiting goes next. */
  private readonly served = new Map<string, number>();
  private serves = 0;
  private readonly running = new Map<string, J>();
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly opts: { concurrency: number; key: (job: J) => string; run: (job: J) => Promise<void> },
  ) {}

  push(job: J): void {
    const k = this.opts.key(job);
    const list = this.waiting.get(k);
    if (list) list.push(job);
    else this.waiting.set(k, [job]);
    this.pump();
  }

  /** True when a queued or running job matches. */
  has(match: (job: J) => boolean): boolean {
    for (const j of this.running.values()) if (match(j)) return true;
    for (const list of this.waiting.values()) if (list.some(match)) return true;
    return false;
  }

  /** Resolves when nothing is queued or running. */
  idle(): Promise<void> {
    if (this.running.size === 0 && this.waiting.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump() {
    while (this.running.size < this.opts.concurrency) {
      const next = this.nextTurn();
      if (!next) break;
      const [k, job] = next;
      this.running.set(k, job);
      void this.opts
        .run(job)
        .catch((e) => console.error("[queue] job failed:", e))
        .finally(() => {
          this.running.delete(k);
          if (!this.waiting.has(k)) this.served.delete(k);
          this.pump();
          if (this.running.size === 0 && this.waiting.size === 0) {
            for (const resolve of this.idleWaiters.splice(0)) resolve();
          }
        });
    }
  }

  /**
   * The student served least recently (never served first, then by arrival) among those with a
   * waiting job and none running.
   */
  private nextTurn(): [string, J] | null {
    let pick: string | null = null;
    for (const k of this.waiting.keys()) {
      if (this.running.has(k)) continue;
      if (pick === null || (this.served.get(k) ?? -1) < (this.served.get(pick) ?? -1)) pick = k;
    }
    if (pick === null) return null;
    const list = this.waiting.get(pick)!;
    const job = list.shift()!;
    if (list.length === 0) this.waiting.delete(pick);
    this.served.set(pick, this.serves++);
    return [pick, job];
  }
}
