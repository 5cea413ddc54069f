/**
 * axe on the Qbank pages (e2e/support/axe.ts: light and dark, no serious or critical violations):
 * blocks (empty and with a list), a timed block, its review, a tutor block, the dashboard with weak
 * areas and an exam plan, analytics with the new charts.
 */
import crypto from "node:crypto";
import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { signUp } from "./support/users";

test("blocks, a timed block and its review, a tutor block, the dashboard plan and the new analytics", async ({ page }) => {
  test.setTimeout(120_000);
  await signUp(page);
  await page.goto("/blocks");
  await expectAccessible(page, "/blocks (no questions)");
  const seeded = await page.request.post("/api/test/seed", { data: { count: 4 } });
  const ids = (await seeded.json()).questionIds as string[];
  for (const id of ids.slice(0, 2))
    await page.request.post(`/api/questions/${id}/answer`, {
      data: { selectedIndex: 0, confidence: 5, timeTakenSeconds: 30, idempotencyKey: crypto.randomUUID() },
    });

  await page.goto("/blocks");
  await expectAccessible(page, "/blocks (form)");
  await page.getByRole("radio", { name: /^Timed/ }).check();
  await page.getByLabel("Questions (1-40)").fill("2");
  await page.getByRole("button", { name: "Start block" }).click();
  await expect(page.getByTestId("timed-block")).toBeVisible();
  await page.keyboard.press("b");
  await page.keyboard.press("m");
  await expectAccessible(page, "timed block");
  await page.getByRole("button", { name: "End block" }).click();
  await page.getByRole("button", { name: "Yes, end and review" }).click();
  await expect(page.getByTestId("block-score")).toBeVisible();
  await expectAccessible(page, "block review");

  await page.goto("/blocks");
  await page.getByRole("button", { name: "Start block" }).click();
  await expect(page.getByTestId("tutor-block")).toBeVisible();
  await expectAccessible(page, "tutor block");
  await page.goto("/blocks");
  await expectAccessible(page, "/blocks (list)");

  await page.goto("/settings");
  await page.getByLabel("Exam date").fill(new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10));
  await page.getByRole("button", { name: "Save exam date" }).click();
  await expect(page.getByText("Exam date saved.")).toBeVisible();
  await page.goto("/dashboard");
  await expect(page.getByTestId("exam-days-left")).toBeVisible();
  await expectAccessible(page, "dashboard with weak areas and exam plan");
  await page.goto("/analytics");
  await expectAccessible(page, "analytics with the new charts");
});
