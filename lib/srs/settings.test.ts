import { describe, expect, it } from "vitest";
import { SchedulerSettingsInput } from "./settings";

describe("SchedulerSettingsInput", () => {
  it.each([
    [{ scheduler: "sm2", desiredRetention: 0.9, maximumInterval: 36500 }, true],
    [{ scheduler: "fsrs", desiredRetention: "0.7", maximumInterval: "1" }, true],
    [{ scheduler: "fsrs", desiredRetention: 0.97, maximumInterval: 365 }, true],
    [{ scheduler: "fsrs", desiredRetention: 0.69, maximumInterval: 365 }, false],
    [{ scheduler: "fsrs", desiredRetention: 0.98, maximumInterval: 365 }, false],
    [{ scheduler: "fsrs", desiredRetention: 0.9, maximumInterval: 0 }, false],
    [{ scheduler: "fsrs", desiredRetention: 0.9, maximumInterval: 36501 }, false],
    [{ scheduler: "fsrs", desiredRetention: 0.9, maximumInterval: 1.5 }, false],
    [{ scheduler: "anki", desiredRetention: 0.9, maximumInterval: 365 }, false],
  ])("%j -> valid %s", (input, ok) => {
    expect(SchedulerSettingsInput.safeParse(input).success).toBe(ok);
  });
});
