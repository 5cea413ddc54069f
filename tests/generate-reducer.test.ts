/** The Generate page's run state: a stream that ends without "done" never leaves it spinning. */
import { describe, expect, it } from "vitest";
import { initialRun, runReducer } from "@/components/generate/use-generation";

describe("runReducer", () => {
  it("a stream that ends before any event finishes the run with a message", () => {
    const started = runReducer(initialRun, { type: "begin", request: { preview: false, count: 5 } as never });
    const ended = runReducer(started, { type: "ended" });
    expect(ended.phase).toBe("finished");
    expect(ended.error?.message).toMatch(/stopped unexpectedly/);
  });

  it("a finished run is left as it was", () => {
    const finished = runReducer(initialRun, { type: "failed", message: "Rate limit reached." });
    expect(runReducer(finished, { type: "ended" })).toBe(finished);
  });
});
