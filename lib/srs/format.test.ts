import { describe, expect, it } from "vitest";
import { formatDay, relativeDay } from "./format";

describe("review date display", () => {
  it.each([
    ["2026-03-10", "today"],
    ["2026-03-11", "tomorrow"],
    ["2026-03-16", "in 6 days"],
    ["2026-03-09", "yesterday"],
    ["2026-03-07", "3 days ago"],
  ])("%s from 2026-03-10 is %s", (d, want) => expect(relativeDay(d, "2026-03-10")).toBe(want));

  it("formats the calendar date without shifting it", () => {
    expect(formatDay("2026-03-11")).toBe("Wed, Mar 11");
  });
});
