/**
 * The daily review in a real browser: a session from start to summary with the keyboard only, and a
 * due list that changes when the (test-hook) clock moves a day. Questions come from /api/test/seed.
 */
import crypto from "node:crypto";
import { type Page, expect, test } from "@playwright/test";
import { signUp } from "./support/users";

async function seed(page: Page, count: number): Promise<string[]> {
  const res = await page.request.post("/api/test/seed", { data: { count } });
  expect(res.status()).toBe(201);
  return (await res.json()).questionIds;
}

async function moveClock(page: Page, offsetDays: number) {
  const res = await page.request.post("/api/test/clock", { data: { offsetDays } });
  expect(res.ok()).toBe(true);
}

test("a daily review session from start to summary, keyboard only", async ({ page }) => {
  await signUp(page);
  const ids = await seed(page, 2);
  // Yesterday's first answers (through the JSON API) put both questions on tomorrow's list.
  for (const id of ids) {
    const res = await page.request.post(`/api/questions/${id}/answer`, {
      data: { selectedIndex: 0, confidence: 3, timeTakenSeconds: 40, idempotencyKey: crypto.randomUUID() },
    });
    expect(res.status()).toBe(200);
  }
  await moveClock(page, 1);
  await page.goto("/review");
  await expect(page.getByTestId("session-progress")).toHaveText("1 / 2");

  const xpBefore = Number((await page.getByTestId("header-xp").innerText()).replace(/,/g, ""));
  // Card 1: pick A with "1", confidence 4, Enter.
  await page.keyboard.press("1");
  await expect(page.getByRole("radio", { checked: true }).first()).toBeVisible();
  await page.keyboard.press("4");
  await expect(page.getByRole("radio", { name: /Confidence 4/ })).toHaveAttribute("aria-checked", "true");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("answer-verdict")).toBeVisible();
  for (const l of ["A", "B", "C", "D", "E"]) await expect(page.getByTestId(`explanation-${l}`)).toBeVisible();
  await expect(page.getByTestId("citation")).toContainText("The Cardiovascular System: The Heart, p.");
  await expect(page.getByTestId("xp-earned")).toHaveText(/^\+\d+ XP$/);
  // The header's XP follows the answer at once, without a reload.
  const earned = Number((await page.getByTestId("xp-earned").innerText()).replace(/\D/g, ""));
  await expect(page.getByTestId("header-xp")).toHaveText((xpBefore + earned).toLocaleString("en-US"));
  await expect(page.getByTestId("header-streak")).toHaveText("2");
  await expect(page.getByTestId("next-review")).toContainText(/tomorrow|in \d+ days/);
  await expect(page.getByTestId("session-progress")).toHaveText("1 / 2");

  // Card 2: letters work too; Enter without confidence is refused with a message.
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("session-progress")).toHaveText("2 / 2");
  await page.keyboard.press("c");
  await page.keyboard.press("Enter");
  await expect(page.getByText("Set how confident you are (1–5).")).toBeVisible();
  await page.keyboard.press("5");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("answer-verdict")).toBeVisible();
  await page.keyboard.press("Enter");

  const summary = page.getByTestId("session-summary");
  await expect(summary).toBeVisible();
  await expect(page.getByTestId("summary-answered")).toHaveText("2");
  await expect(page.getByTestId("summary-xp")).toHaveText(/^\+\d+$/);
  await expect(page.getByTestId("summary-streak")).toHaveText("2 days");
  await expect(page.getByTestId("summary-due-tomorrow")).toHaveText(/^\d+$/);

  await page.goto("/dashboard");
  await expect(page.getByTestId("dash-answered-today")).toHaveText("2");
  await expect(page.getByTestId("dash-streak")).toContainText("2 days");
  await expect(page.getByTestId("dash-due")).toHaveText("0");
});

test("the due list changes when the clock moves a day", async ({ page }) => {
  await signUp(page);
  await seed(page, 1);
  await page.goto("/review");
  await expect(page.getByText("Nothing due today")).toBeVisible();
  await expect(page.getByTestId("new-count")).toHaveText("1");
  await page.getByRole("link", { name: "Study new questions" }).click();

  await page.getByRole("radio", { name: /^B\./ }).click();
  await page.getByRole("radio", { name: /Confidence 5/ }).click();
  await page.getByRole("button", { name: "Submit answer" }).click();
  await expect(page.getByTestId("next-review")).toContainText("tomorrow");
  await page.getByRole("button", { name: /Finish session/ }).click();
  await expect(page.getByTestId("summary-answered")).toHaveText("1");
  await expect(page.getByTestId("summary-due-tomorrow")).toHaveText("1");

  await page.goto("/review");
  await expect(page.getByTestId("next-review-date")).toContainText("tomorrow");
  await page.goto("/dashboard");
  await expect(page.getByTestId("dash-due")).toHaveText("0");

  await moveClock(page, 1);
  await page.goto("/review");
  await expect(page.getByTestId("session-progress")).toHaveText("1 / 1");
  await expect(page.getByTestId("lead-in")).toHaveText("Which structure sets the normal cardiac rhythm?");
  await page.goto("/dashboard");
  await expect(page.getByTestId("dash-due")).toHaveText("1");
});

test("a collection that is not yours is a 404", async ({ page }) => {
  await signUp(page);
  const res = await page.goto(`/review?collection=${crypto.randomUUID()}`);
  expect(res?.status()).toBe(404);
  // Our own page, with a way back, not the framework's bare one.
  await expect(page.getByRole("heading", { name: "We could not find that page" })).toBeVisible();
  await page.getByRole("link", { name: "Go to your dashboard" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
});
