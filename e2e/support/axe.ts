/**
 * axe-core in the browser tests: every page and state is checked in the light and the dark theme,
 * and the assertion is 0 serious or critical violations of WCAG 2.0/2.1/2.2 A and AA rules and
 * best practices, plus none of the heading-order and landmark rules in ALSO_FAIL.
 * `@axe-core/playwright` 4.14 declares Node >= 22.12 but uses nothing newer than Node 20 has (it
 * injects axe-core's browser script); it runs here on Node 20.
 */
import { AxeBuilder } from "@axe-core/playwright";
import { type Page, expect } from "@playwright/test";

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];
/** Moderate best-practice rules the audit named (heading jumps, unlabelled or duplicate landmarks). */
const ALSO_FAIL = new Set(["heading-order", "landmark-unique", "landmark-complementary-is-top-level", "empty-heading"]);

export type Theme = "light" | "dark";

/** Switches the theme in place (the class the toggle sets), so an open dialog or answered card stays. */
export async function setTheme(page: Page, theme: Theme) {
  await page.evaluate((t) => {
    document.documentElement.classList.toggle("dark", t === "dark");
    localStorage.setItem("theme", t);
  }, theme);
  // Let colour transitions (transition-colors, 150 ms) finish before colours are measured.
  await page.waitForTimeout(300);
}

/** Serious and critical violations (and the rules in ALSO_FAIL) on the page as it is now, one line each. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical" || ALSO_FAIL.has(v.id))
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.length} node(s), e.g. ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}${v.nodes[0]?.failureSummary ? ` — ${v.nodes[0].failureSummary.split("\n").slice(0, 2).join(" ")}` : ""}`);
}

/** Checks the current state in both themes; leaves the page in the theme it found. */
export async function expectAccessible(page: Page, state: string) {
  const before: Theme = (await page.evaluate(() => document.documentElement.classList.contains("dark"))) ? "dark" : "light";
  for (const theme of ["light", "dark"] as const) {
    await setTheme(page, theme);
    expect(await seriousViolations(page), `${state}, ${theme} theme`).toEqual([]);
  }
  await setTheme(page, before);
}
