/**
 * Blocks in a real browser: a timed block to its review screen with the keyboard only, resuming a
 * timed block after a reload with the time left, and marking a question (visible in the bank,
 * usable as a pool). Questions come from /api/test/seed.
 */
import crypto from "node:crypto";
import { type Page, expect, test } from "@playwright/test";
import { signUp } from "./support/users";

async function seed(page: Page, count: number): Promise<string[]> {
  const res = await page.request.post("/api/test/seed", { data: { count } });
  expect(res.status()).toBe(201);
  return (await res.json()).questionIds;
}

/** Fills the create form with the keyboard only: Tab between fields, arrows in radios, typing. */
async function createTimedBlockByKeyboard(page: Page, count: number) {
  await page.goto("/blocks");
  await page.getByRole("radio", { name: /^Tutor/ }).focus();
  await page.keyboard.press("ArrowRight"); // -> Timed
  await expect(page.getByRole("radio", { name: /^Timed/ })).toBeChecked();
  await page.keyboard.press("Tab"); // count
  await expect(page.getByLabel("Questions (1-40)")).toBeFocused();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type(String(count));
  await page.getByRole("button", { name: "Start block" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("timed-block")).toBeVisible();
}

test("a timed block to its review screen, keyboard only", async ({ page }) => {
  await signUp(page);
  await seed(page, 3);
  await createTimedBlockByKeyboard(page, 3);
  await expect(page.getByTestId("time-left")).toHaveText(/^4:[0-9]{2}$/); // 3 x 90 s = 4:30
  await expect(page.getByTestId("timed-position")).toHaveText("Question 1 of 3");

  await page.keyboard.press("a");
  await page.keyboard.press("4");
  await page.keyboard.press("ArrowRight");
  await expect(page.getByTestId("timed-position")).toHaveText("Question 2 of 3");
  await page.keyboard.press("b");
  await page.keyboard.press("n");
  await expect(page.getByTestId("timed-position")).toHaveText("Question 3 of 3");
  // No feedback before the end.
  await expect(page.getByTestId("answer-verdict")).toHaveCount(0);
  await page.keyboard.press("c");
  await expect(page.getByText("3 of 3 answered")).toBeVisible();

  // Tab to "End block", Enter, then confirm (focus moves to the confirm button).
  await page.getByRole("button", { name: "End block" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: "Yes, end and review" })).toBeFocused();
  await page.keyboard.press("Enter");

  await expect(page).toHaveURL(/\/blocks\/[0-9a-f-]+\/review$/);
  await expect(page.getByTestId("block-score")).toHaveText(/^\d \/ 3 \(\d+ %\)$/);
  await expect(page.getByTestId("block-review-item")).toHaveCount(3);
  await expect(page.getByText("(your answer)").first()).toBeVisible();
  await expect(page.getByText("(correct answer)")).toHaveCount(3);
  // Filter to incorrect with the keyboard.
  await page.getByLabel("Show incorrect and omitted only").focus();
  await page.keyboard.press("Space");
  const score = Number((await page.getByTestId("block-score").innerText()).split(" ")[0]);
  await expect(page.getByTestId("block-review-item")).toHaveCount(3 - score);

  // The block is listed with its score; the answers went through the answer path.
  await page.goto("/blocks");
  await expect(page.getByTestId("block-list")).toContainText(`${score} / 3`);
});

test("a timed block resumes after a reload with its answers and the time left", async ({ page }) => {
  await signUp(page);
  await seed(page, 2);
  await createTimedBlockByKeyboard(page, 2);
  await page.keyboard.press("d");
  await page.keyboard.press("n");
  await page.keyboard.press("b");
  // Let the clock run past a save (every 5 s and on each change).
  await expect(page.getByTestId("time-left")).toHaveText(/^2:5[0-4]$/, { timeout: 15_000 });
  const before = await page.getByTestId("time-left").innerText();
  await page.waitForTimeout(1200);
  await page.reload();
  await expect(page.getByTestId("timed-position")).toHaveText("Question 2 of 2");
  await expect(page.getByText("2 of 2 answered")).toBeVisible();
  await expect(page.getByRole("radio", { name: /^B\./ })).toHaveAttribute("aria-checked", "true");
  // Time left is what it was, not reset to 3:00: progress is saved every 5 s, so at most the
  // seconds since the last save come back, and the second or two of the reload itself run on.
  const secs = (t: string) => Number(t.split(":")[0]) * 60 + Number(t.split(":")[1]);
  const after = secs(await page.getByTestId("time-left").innerText());
  expect(after).toBeLessThanOrEqual(secs(before) + 5);
  expect(after).toBeGreaterThan(secs(before) - 10);
  expect(after).toBeLessThan(180);
  await page.keyboard.press("p");
  await expect(page.getByRole("radio", { name: /^D\./ })).toHaveAttribute("aria-checked", "true");
});

test("marking a question: shown in the bank and usable as a pool", async ({ page }) => {
  await signUp(page);
  const ids = await seed(page, 3);
  await page.goto(`/questions/${ids[1]}`);
  const mark = page.getByTestId("mark-button");
  await expect(mark).toHaveAttribute("aria-pressed", "false");
  await mark.click();
  await expect(mark).toHaveAttribute("aria-pressed", "true");
  // The mark shows at once; wait for the server to have saved it before leaving the page.
  await expect(mark).toHaveAttribute("aria-busy", "false");
  await page.goto("/questions");
  await expect(page.getByTestId("marked-badge")).toHaveCount(1);
  // A tutor block from the "marked" pool holds just that question.
  await page.goto("/blocks?pool=marked");
  await page.getByRole("button", { name: "Start block" }).click();
  await expect(page.getByTestId("tutor-block")).toBeVisible();
  await expect(page.getByTestId("session-progress")).toHaveText("1 / 1");
  await expect(page.getByTestId("mark-button")).toHaveAttribute("aria-pressed", "true");
  // Unmark from the block; the bank no longer shows it.
  await page.getByTestId("mark-button").click();
  await expect(page.getByTestId("mark-button")).toHaveAttribute("aria-pressed", "false");
  await expect(page.getByTestId("mark-button")).toHaveAttribute("aria-busy", "false");
  await page.goto("/questions");
  await expect(page.getByTestId("marked-badge")).toHaveCount(0);
});

test("weak areas on the dashboard: Study these starts a tutor block of their incorrect questions", async ({ page }) => {
  await signUp(page);
  const ids = await seed(page, 5);
  let wrong = 0;
  for (const id of ids) {
    const res = await page.request.post(`/api/questions/${id}/answer`, {
      data: { selectedIndex: 0, confidence: 5, timeTakenSeconds: 40, idempotencyKey: crypto.randomUUID() },
    });
    expect(res.status()).toBe(200);
    if (!(await res.json()).isCorrect) wrong++;
  }
  expect(wrong).toBeGreaterThan(0);
  await page.goto("/dashboard");
  await expect(page.getByTestId("weak-area").first()).toBeVisible();
  await expect(page.getByRole("link", { name: /Generate more on/ }).first()).toHaveAttribute("href", /^\/generate\?topic=/);
  await page.getByRole("button", { name: "Study these" }).click();
  await expect(page.getByTestId("tutor-block")).toBeVisible();
  // Nothing is due yet (first answers come back tomorrow): the block is the wrong ones.
  await expect(page.getByTestId("session-progress")).toHaveText(`1 / ${wrong}`);
  await expect(page.getByTestId("answer-card")).toBeVisible();
});

test("POST /api/questions/answers/batch: all together, idempotent, another student's question is a 404", async ({ page, browser }) => {
  await signUp(page);
  const ids = await seed(page, 3);
  const answers = ids.map((questionId, i) => ({ questionId, selectedIndex: i, confidence: 3, timeTakenSeconds: 50, idempotencyKey: crypto.randomUUID() }));
  const first = await page.request.post("/api/questions/answers/batch", { data: { answers } });
  expect(first.status()).toBe(200);
  const out = (await first.json()).outcomes as { attemptId: string; replayed: boolean }[];
  expect(out).toHaveLength(3);
  expect(out.every((o) => !o.replayed)).toBe(true);
  // The same batch again: the same attempts, nothing new.
  const again = (await (await page.request.post("/api/questions/answers/batch", { data: { answers } })).json()).outcomes as typeof out;
  expect(again.map((o) => o.attemptId)).toEqual(out.map((o) => o.attemptId));
  expect(again.every((o) => o.replayed)).toBe(true);
  // Partly invalid: refused as a whole.
  const bad = await page.request.post("/api/questions/answers/batch", {
    data: { answers: [{ ...answers[0], idempotencyKey: crypto.randomUUID() }, { ...answers[1], confidence: 9 }] },
  });
  expect(bad.status()).toBe(400);
  // Another student's question: 404, and none of their questions answered.
  const other = await browser.newPage();
  await signUp(other);
  const theirs = await seed(other, 1);
  const foreign = await page.request.post("/api/questions/answers/batch", {
    data: { answers: [{ questionId: theirs[0], selectedIndex: 0, confidence: 3, timeTakenSeconds: 5, idempotencyKey: crypto.randomUUID() }] },
  });
  expect(foreign.status()).toBe(404);
  await other.goto(`/questions/${theirs[0]}`);
  await expect(other.getByText("No answers yet.")).toBeVisible();
  await other.close();
});
