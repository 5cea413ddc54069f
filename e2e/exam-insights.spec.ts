/**
 * The exam plan and the analytics completions in a real browser: setting an exam date shows days
 * left and today's target on the dashboard; the new analytics charts show their numbers and empty
 * states.
 */
import crypto from "node:crypto";
import { type Page, expect, test } from "@playwright/test";
import { signUp } from "./support/users";

async function seed(page: Page, count: number): Promise<string[]> {
  const res = await page.request.post("/api/test/seed", { data: { count } });
  expect(res.status()).toBe(201);
  return (await res.json()).questionIds;
}

const isoDaysAhead = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

test("an exam date: days left and today's target on the dashboard", async ({ page }) => {
  await signUp(page);
  await seed(page, 11);
  await page.goto("/dashboard");
  await expect(page.getByTestId("exam-plan")).toContainText("Set your exam date");
  await page.goto("/settings");
  await page.getByLabel("Exam date").fill(isoDaysAhead(11));
  await page.getByRole("button", { name: "Save exam date" }).click();
  await expect(page.getByText("Exam date saved.")).toBeVisible();
  await page.goto("/dashboard");
  // 11 days ahead in UTC; the student's zone is UTC by default.
  await expect(page.getByTestId("exam-days-left")).toHaveText("11");
  // 11 unseen questions over 10 days for first answers: 2 a day; nothing due yet.
  await expect(page.getByTestId("exam-today-target")).toHaveText("2");
  // A date in the past is refused.
  await page.goto("/settings");
  await page.getByLabel("Exam date").fill(isoDaysAhead(-1));
  await page.getByRole("button", { name: "Save exam date" }).click();
  await expect(page.getByText("Choose an exam date after today.")).toBeVisible();
});

test("analytics completions: calibration, SM-2 effectiveness, learning curve, retention", async ({ page }) => {
  await signUp(page);
  const ids = await seed(page, 3);
  for (const id of ids) {
    const res = await page.request.post(`/api/questions/${id}/answer`, {
      data: { selectedIndex: 0, confidence: 4, timeTakenSeconds: 40, idempotencyKey: crypto.randomUUID() },
    });
    expect(res.status()).toBe(200);
  }
  await page.goto("/analytics");
  await expect(page.getByTestId("topic-confidence-table")).toContainText("4.0");
  const calibration = page.getByTestId("chart-calibration");
  await expect(calibration).toContainText("Confidence 4");
  await calibration.getByText("Show the numbers").click();
  await expect(calibration.getByRole("table")).toBeVisible();
  await expect(page.getByTestId("chart-sm2-effectiveness")).toContainText(/Learning|learning/);
  await expect(page.getByTestId("chart-learning-curve")).toContainText("1st attempt");
  // No answer on a later day yet: retention says so instead of drawing zeros.
  await expect(page.getByTestId("empty-retention")).toBeVisible();
});
