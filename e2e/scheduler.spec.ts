/**
 * Switching scheduler in a real browser: a question with three days of answers has one review date
 * under SM-2; saving FSRS-6 on the Settings page replays the log and the question shows FSRS's date
 * at once; switching back restores SM-2's. Answers go through the JSON API, days through the
 * test-hook clock.
 */
import crypto from "node:crypto";
import { type Page, expect, test } from "@playwright/test";
import { signUp } from "./support/users";

async function moveClock(page: Page, offsetDays: number) {
  const res = await page.request.post("/api/test/clock", { data: { offsetDays } });
  expect(res.ok()).toBe(true);
}

async function answer(page: Page, id: string, selectedIndex: number, confidence: number) {
  const res = await page.request.post(`/api/questions/${id}/answer`, {
    data: { selectedIndex, confidence, timeTakenSeconds: 30, idempotencyKey: crypto.randomUUID() },
  });
  expect(res.status()).toBe(200);
  return (await res.json()) as { correctIndex: number };
}

async function chooseScheduler(page: Page, label: RegExp) {
  await page.goto("/settings");
  await page.getByRole("radio", { name: label }).check();
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByTestId("settings-status")).toContainText("Saved");
}

test("switching to FSRS-6 and back changes the question's review date at once", async ({ page }) => {
  await signUp(page);
  const seeded = await page.request.post("/api/test/seed", { data: { count: 1 } });
  expect(seeded.status()).toBe(201);
  const [id] = (await seeded.json()).questionIds as string[];

  await moveClock(page, 0);
  const { correctIndex } = await answer(page, id!, 0, 3);
  await moveClock(page, 1);
  await answer(page, id!, correctIndex, 5);
  await moveClock(page, 3);
  await answer(page, id!, correctIndex, 5);

  await page.goto(`/questions/${id}`);
  const sm2Date = await page.getByTestId("next-review-date").innerText();
  await expect(page.getByTestId("question-forecast-sm2")).toContainText("(yours)");

  await chooseScheduler(page, /FSRS-6/);
  await page.goto(`/questions/${id}`);
  await expect(page.getByTestId("next-review-date")).not.toHaveText(sm2Date);
  const fsrsDate = await page.getByTestId("next-review-date").innerText();
  await expect(page.getByTestId("question-forecast-fsrs")).toContainText("(yours)");
  await expect(page.getByTestId("question-forecast-fsrs-recall")).toHaveText(/^\d+%$/);

  await chooseScheduler(page, /SM-2/);
  await page.goto(`/questions/${id}`);
  await expect(page.getByTestId("next-review-date")).toHaveText(sm2Date);
  expect(fsrsDate).not.toBe(sm2Date);

  // Analytics scores both schedulers on the two reviews after the first answer.
  await page.goto("/analytics");
  await expect(page.getByTestId("scheduler-fit-count")).toHaveText("Based on 2 reviews");
  await expect(page.getByTestId("scheduler-fit-sm2")).toBeVisible();
  await expect(page.getByTestId("scheduler-fit-fsrs")).toBeVisible();
  await moveClock(page, 0);
});
