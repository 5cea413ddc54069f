/**
 * axe on every page and state of the app, light and dark: 0 serious or critical violations.
 * States: sign-in (empty, with errors), sign-up, dashboard, materials (empty, with an upload, a
 * search), a material's page, generate (idle, after a run, a card answered), review (nothing due,
 * a card, its feedback, the summary), the bank (list, filtered, empty result), a question (with the
 * flag form and the delete confirmation open), collections (rename, delete confirm), analytics, 404.
 */
import path from "node:path";
import { type Page, expect, test } from "@playwright/test";
import { expectAccessible, seriousViolations, setTheme } from "./support/axe";
import { completeCards, submitGenerate, waitForSummary } from "./support/generate";
import { uploadMaterial } from "./support/materials";
import { signUp } from "./support/users";

const HEART_MD = path.resolve(__dirname, "../../shared/corpus/openstax-ap2e/the-cardiovascular-system-the-heart.md");

async function seed(page: Page, count: number): Promise<string[]> {
  const res = await page.request.post("/api/test/seed", { data: { count } });
  expect(res.status()).toBe(201);
  return (await res.json()).questionIds;
}

test("the check itself: axe finds a low-contrast text and a missing name when they are there", async ({ page }) => {
  await page.goto("/sign-in");
  await setTheme(page, "dark");
  await page.evaluate(() => {
    const p = document.createElement("p");
    p.textContent = "Grey on grey";
    p.className = "text-slate-700";
    document.querySelector("main")?.append(p);
    const b = document.createElement("button");
    document.querySelector("main")?.append(b);
  });
  const found = (await seriousViolations(page)).join("\n");
  expect(found).toContain("color-contrast");
  expect(found).toContain("button-name");
});

test("signed-out pages", async ({ page }) => {
  await page.goto("/sign-in");
  await expectAccessible(page, "sign-in");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator('[aria-invalid="true"]').first()).toBeVisible();
  await expectAccessible(page, "sign-in with errors");
  await page.goto("/sign-up");
  await expectAccessible(page, "sign-up");
});

test("dashboard, empty pages, analytics and not found", async ({ page }) => {
  await signUp(page);
  await expectAccessible(page, "dashboard");
  for (const path of ["/materials", "/generate", "/review", "/questions", "/analytics", "/settings"]) {
    await page.goto(path);
    await expectAccessible(page, `${path} (new student)`);
  }
  await page.goto("/no-such-page");
  await expectAccessible(page, "404");
});

test("review: a card, its feedback, the summary; the bank and a question with its dialogs", async ({ page }) => {
  test.setTimeout(120_000);
  await signUp(page);
  const ids = await seed(page, 2);
  await page.goto("/review?mode=new");
  await expect(page.getByTestId("answer-card")).toBeVisible();
  await expectAccessible(page, "review card");
  await page.getByRole("radio", { name: /^B\./ }).click();
  await page.getByRole("radio", { name: /Confidence 4/ }).click();
  await page.getByRole("button", { name: "Submit answer" }).click();
  await expect(page.getByTestId("answer-verdict")).toBeVisible();
  await expectAccessible(page, "review feedback");
  await page.getByRole("button", { name: /Next question/ }).click();
  await page.getByRole("radio", { name: /^A\./ }).click();
  await page.getByRole("radio", { name: /Confidence 2/ }).click();
  await page.getByRole("button", { name: "Submit answer" }).click();
  await page.getByRole("button", { name: /Finish session/ }).click();
  await expect(page.getByTestId("session-summary")).toBeVisible();
  await expectAccessible(page, "session summary");
  await page.goto("/review");
  await expectAccessible(page, "review, nothing due");

  await page.goto("/questions");
  await expectAccessible(page, "bank");
  await page.goto("/questions?q=zzzzzz");
  await expectAccessible(page, "bank, no match");
  await page.getByRole("textbox", { name: "Collection name", exact: true }).fill("Deck");
  await page.getByRole("button", { name: "Create collection" }).click();
  await page.getByRole("button", { name: "Rename Deck" }).click();
  await expectAccessible(page, "collection rename");
  await page.keyboard.press("Escape");
  await page.getByRole("button", { name: "Delete Deck" }).click();
  await expectAccessible(page, "collection delete confirmation");

  await page.goto(`/questions/${ids[0]}`);
  await expectAccessible(page, "question page");
  await page.getByRole("button", { name: "Flag as wrong" }).click();
  await expectAccessible(page, "flag form");
  await page.getByRole("button", { name: "Delete question" }).click();
  await expectAccessible(page, "delete confirmation");
});

test("materials, a material's page, and generate after a run with a card answered", async ({ page }) => {
  test.setTimeout(150_000);
  await signUp(page);
  await uploadMaterial(page, HEART_MD);
  await expectAccessible(page, "materials with a ready upload");
  await page.getByLabel("Topic").fill("cardiac conduction system");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByTestId("search-results")).toBeVisible();
  await expectAccessible(page, "materials search results");
  await page.getByTestId("material-row").getByRole("link").first().click();
  await expect(page.getByTestId("chunk").first()).toBeVisible();
  await expectAccessible(page, "material page");
  // Each passage travels once: in the passages JSON, not in the page's HTML (nor its React payload).
  const passage = ((await page.getByTestId("chunk").nth(1).locator("p").last().textContent()) ?? "").trim();
  const snippet = passage.split(/\s+/).slice(0, 8).join(" ");
  expect(snippet.length).toBeGreaterThan(20);
  const html = await (await page.request.get(page.url())).text();
  expect(html).not.toContain(snippet);
  const materialId = new URL(page.url()).pathname.split("/").pop();
  const json = await (await page.request.get(`/api/materials/${materialId}/passages?page=1`)).text();
  expect(json.split(snippet).length - 1).toBe(1);
  console.log(`material page: HTML ${(html.length / 1024).toFixed(1)} KiB, passages JSON ${(json.length / 1024).toFixed(1)} KiB`);

  await submitGenerate(page, { topic: "heart valves", count: 3 });
  await waitForSummary(page);
  await expectAccessible(page, "generate, run finished");
  const first = completeCards(page).nth(0);
  await first.getByRole("radio").nth(1).click();
  await first.getByRole("radio", { name: /Confidence 3/ }).click();
  await first.getByRole("button", { name: "Submit answer" }).click();
  await expect(first.getByTestId("answer-verdict")).toBeVisible();
  await completeCards(page).nth(1).getByRole("button", { name: "Reveal answer" }).click();
  await expectAccessible(page, "generate, answered and revealed cards");
});
