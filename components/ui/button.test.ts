import { describe, expect, it } from "vitest";
import { buttonClass } from "./button";

describe("buttonClass", () => {
  it("uses the default padding and size unless the caller sets its own", () => {
    const normal = buttonClass("secondary").split(" ");
    expect(normal).toEqual(expect.arrayContaining(["px-4", "py-2", "text-sm"]));
    const compact = buttonClass("secondary", "px-2 py-1 text-xs").split(" ");
    expect(compact).toEqual(expect.arrayContaining(["px-2", "py-1", "text-xs"]));
    expect(compact).not.toContain("px-4");
    expect(compact).not.toContain("py-2");
    expect(compact).not.toContain("text-sm");
    // Unrelated extras keep the defaults.
    expect(buttonClass("ghost", "w-full").split(" ")).toEqual(expect.arrayContaining(["px-4", "text-sm", "w-full"]));
  });
});
