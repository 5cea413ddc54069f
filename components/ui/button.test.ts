import { describe, expect, it } from "vitest";
import { buttonClass } from "./button";

describe("buttonClass", () => {
  it("has one padding and text size per size, so a compact button is not overridden by the default", () => {
    const normal = buttonClass("secondary").split(" ");
    expect(normal).toEqual(expect.arrayContaining(["px-4", "py-2", "text-sm"]));
    const compact = buttonClass("secondary", "w-full", "sm").split(" ");
    expect(compact).toEqual(expect.arrayContaining(["px-2", "py-1", "text-xs", "w-full"]));
    for (const c of ["px-4", "py-2", "text-sm"]) expect(compact).not.toContain(c);
  });
});
