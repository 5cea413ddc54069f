/**
 * Question generation in the browser: the offline generator (default instance) and a real
 * OpenAI-compatible HTTP server (the local SSE test server behind a second instance of the app).
 * Each test signs up, uploads a corpus chapter through the Materials page, and generates.
 */
import path from "node:path";
import { expect, test } from "@playwright/test";
import { cards, completeCards, firstCompleteSnapshot, submitGenerate, waitForSummary, watchFirstComplete } from "./support/generate";
import { uploadMaterial } from "./support/materials";
import { signUp } from "./support/users";

const HEART_MD = path.resolve(__dirname, "../../shared/corpus/openstax-ap2e/the-cardiovascular-system-the-heart.md");

test.describe("offline generator", () => {
  test("generates 5 grounded questions card by card and saves them to the bank", async ({ page }) => {
    await signUp(page);
    await uploadMaterial(page, HEART_MD);
    await page.goto("/generate");
    await expect(page.getByTestId("generator-label")).toContainText("offline generator");
    await watchFirstComplete(page);
    await submitGenerate(page, { topic: "heart valves", count: 5 });

    await expect(page.getByTestId("generation-writer")).toContainText("offline generator (no AI model)");
    await waitForSummary(page);
    const first = await firstCompleteSnapshot(page);
    expect(first?.finished).toBe(false); // the first card was complete before the run finished
    expect(first?.complete).toBeLessThan(5);
    await expect(page.getByTestId("generation-progress")).toContainText("5 of 5");
    await expect(completeCards(page)).toHaveCount(5);
    await expect(page.getByTestId("generation-summary")).toContainText("5 questions saved to your bank");
    // Every card shows its source: material and the quoted passage.
    await expect(completeCards(page).first().getByTestId("question-source")).toContainText("the-cardiovascular-system-the-heart");
    await page.getByTestId("retrieved-passages").locator("..").getByText(/passages retrieved/).click();
    await expect(page.getByTestId("retrieved-passages").getByRole("listitem").first()).toBeVisible();

    // The saved questions are in the bank.
    await page.getByRole("link", { name: "Open the question bank" }).click();
    await expect(page).toHaveURL(/\/questions/);
    await expect(page.getByTestId("bank-count")).toHaveText("5 questions");
    await expect(page.getByTestId("bank-row")).toHaveCount(5);
  });

  test("preview saves only the accepted cards", async ({ page }) => {
    await signUp(page);
    await uploadMaterial(page, HEART_MD);
    await submitGenerate(page, { topic: "cardiac muscle", count: 2, preview: true });
    await waitForSummary(page);
    await expect(completeCards(page)).toHaveCount(2);
    await completeCards(page).nth(0).getByRole("button", { name: "Accept" }).click();
    await expect(completeCards(page).nth(0)).toContainText("Saved to your question bank.");
    await completeCards(page).nth(1).getByRole("button", { name: "Discard" }).click();
    await expect(completeCards(page).nth(1)).toContainText("Discarded.");
    await expect(page.getByTestId("generation-summary")).toContainText("1 saved");
    await page.goto("/questions");
    await expect(page.getByTestId("bank-count")).toHaveText("1 question");
  });

  test("says so when no material matches the topic", async ({ page }) => {
    await signUp(page);
    await uploadMaterial(page, HEART_MD);
    await submitGenerate(page, { topic: "xylophone quasar", count: 2 });
    await expect(page.getByTestId("generation-error")).toContainText("None of your material matches");
    await expect(cards(page)).toHaveCount(0);
  });

  test("a student without material is sent to upload some first", async ({ page }) => {
    await signUp(page);
    await page.goto("/generate");
    await expect(page.getByText("Upload material first")).toBeVisible();
    await expect(page.getByRole("link", { name: "Go to Materials" })).toBeVisible();
  });
});

test.describe("OpenAI-compatible model over HTTP", () => {
  test.use({ baseURL: process.env.E2E_LLM_APP_URL });

  test("streams questions from the model: the first is complete while the rest are pending", async ({ page }) => {
    await signUp(page);
    await uploadMaterial(page, HEART_MD);
    await page.goto("/generate");
    await watchFirstComplete(page);
    await submitGenerate(page, { topic: "heart valves", count: 3 });
    await expect(page.getByTestId("generation-writer")).toContainText("e2e-question-model");
    await expect(cards(page).first()).toHaveAttribute("data-state", "writing");
    await waitForSummary(page);
    const first = await firstCompleteSnapshot(page);
    expect(first).toMatchObject({ complete: 1, finished: false });
    expect(first?.progress).toMatch(/^1 of 3/);
    await expect(completeCards(page)).toHaveCount(3);
    await expect(page.getByTestId("generation-summary")).toContainText("3 questions saved to your bank");
  });

  test("Cancel stops the model call at once and keeps the completed questions", async ({ page, request }) => {
    await signUp(page);
    await uploadMaterial(page, HEART_MD);
    await submitGenerate(page, { topic: "heart chambers", count: 10 });
    await expect(completeCards(page).first()).toBeVisible({ timeout: 30_000 });
    await page.getByRole("button", { name: "Cancel" }).click();
    await expect(page.getByTestId("generation-summary")).toContainText("Cancelled");
    const kept = await completeCards(page).count();
    expect(kept).toBeGreaterThanOrEqual(1);
    expect(kept).toBeLessThan(10);
    await expect(page.locator('[data-testid="question-card"][data-state="writing"]')).toHaveCount(0);
    // The job is marked with what happened and what was kept.
    await page.reload();
    const job = page.getByTestId("generation-job").first();
    await expect(job).toHaveAttribute("data-status", "cancelled");
    // (A question may finish on the server in the instant between the click and the abort arriving.)
    const saved = Number(/(\d+) of 10 saved/.exec((await job.textContent()) ?? "")?.[1]);
    expect(saved).toBeGreaterThanOrEqual(kept);
    expect(saved).toBeLessThanOrEqual(kept + 1);
    // The model server saw its request aborted.
    await expect
      .poll(async () => {
        const stats = (await (await request.get(`${process.env.E2E_LLM_URL}/stats`)).json()) as { aborted: boolean }[];
        return stats.at(-1)?.aborted;
      })
      .toBe(true);
  });
});
