/**
 * Question generation in the browser: the offline generator (default instance) and a real
 * OpenAI-compatible HTTP server (the local SSE test server behind a second instance of the app).
 * Each test signs up, uploads a corpus chapter through the Materials page, and generates. A
 * generation is a job on the server: the page follows its stream, and a reload, a closed tab or a
 * second topic do not change what the job does.
 */
import path from "node:path";
import { expect, test } from "@playwright/test";
import {
  breakableGenerateStreams,
  cards,
  completeCards,
  cutGenerateStreams,
  firstCompleteSnapshot,
  generateStreamOpens,
  keyLeak,
  recordGenerateStream,
  streamedQuestions,
  submitGenerate,
  waitForSummary,
  watchedJobIds,
  watchFirstComplete,
  watchFirstCompleteOnLoad,
  watchKeyLeaks,
} from "./support/generate";
import { expectAccessible } from "./support/axe";
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
    // The job keeps both decisions: the reloaded page shows them decided.
    await page.reload();
    await waitForSummary(page);
    await expect(completeCards(page).nth(0)).toContainText("Saved to your question bank.");
    await expect(completeCards(page).nth(1)).toContainText("Discarded.");
    await expect(page.getByRole("button", { name: /^(Accept|Discard)$/ })).toHaveCount(0);
    await expect(page.getByTestId("generation-summary")).toContainText("1 saved");
    await page.goto("/questions");
    await expect(page.getByTestId("bank-count")).toHaveText("1 question");
  });

  test("keys stay hidden while cards stream; one card is answered inline, another revealed", async ({ page }) => {
    test.slow(); // a generation, two answers' worth of checks and two page loads
    await signUp(page);
    await uploadMaterial(page, HEART_MD);
    await page.goto("/generate");
    await expect(page.getByTestId("offline-note")).toContainText("recall questions from your own material");
    await expect(page.getByTestId("offline-note")).toContainText("ask your administrator to connect one");
    await watchKeyLeaks(page);
    await recordGenerateStream(page);
    await submitGenerate(page, { topic: "heart valves", count: 3 });
    await waitForSummary(page);

    // Nothing showed an answer at any point of the stream, and none of it is in the page now.
    expect(await keyLeak(page)).toBeNull();
    await expect(completeCards(page)).toHaveCount(3);
    const streamed = await streamedQuestions(page);
    expect(streamed).toHaveLength(3);
    const cardsText = (await page.getByTestId("question-cards").textContent()) ?? "";
    for (const q of streamed) {
      for (const text of [q.explanation, ...q.optionExplanations]) expect(cardsText).not.toContain(text);
    }
    for (let i = 0; i < 3; i++) {
      await expect(completeCards(page).nth(i)).toHaveAttribute("data-key", "hidden");
      await expect(completeCards(page).nth(i).getByRole("button", { name: "Reveal answer" })).toBeVisible();
    }

    // Answer the first card with the keyboard only: the keys act inside that card alone.
    const xpBefore = (await page.getByTestId("header-xp").textContent()) ?? "";
    const first = completeCards(page).nth(0);
    const answeredId = await first.getAttribute("data-question-id");
    await first.getByRole("radiogroup", { name: "Answer options" }).getByRole("radio").first().focus();
    await page.keyboard.press("b");
    await page.keyboard.press("4");
    await page.keyboard.press("Enter");
    await expect(first.getByTestId("answer-verdict")).toBeFocused();
    await expect(first.getByTestId("answer-verdict")).toContainText(/Correct|Incorrect/);
    await expect(first.getByTestId("citation")).toBeVisible();
    await expect(first).toHaveAttribute("data-key", "answered");
    await expect(first.getByRole("button", { name: "Reveal answer" })).toHaveCount(0);
    // Recorded as in review: the header's XP moved.
    await expect(page.getByTestId("header-xp")).not.toHaveText(xpBefore);
    const xpAfter = (await page.getByTestId("header-xp").textContent()) ?? "";
    // The other cards did not take those keys.
    await expect(completeCards(page).nth(1).getByRole("radio", { checked: true })).toHaveCount(0);
    await expect(completeCards(page).nth(1)).toHaveAttribute("data-key", "hidden");

    // Reveal the second: key and explanation appear, focus lands on the key, nothing is recorded.
    const second = completeCards(page).nth(1);
    const revealedId = await second.getAttribute("data-question-id");
    await second.getByRole("button", { name: "Reveal answer" }).click();
    await expect(second.getByTestId("answer-key")).toBeFocused();
    await expect(second.getByTestId("answer-key")).toContainText("(correct answer)");
    await expect(second.getByTestId("explanation")).toBeVisible();
    await expect(second.getByTestId("reveal-note")).toContainText("Not recorded");
    await expect(page.getByTestId("header-xp")).toHaveText(xpAfter);
    await expect(page.getByTestId("generation-summary")).toContainText("1 answered here");

    // The answer is a normal first attempt on the question's page; the revealed one has none.
    await page.goto(`/questions/${answeredId}`);
    await expect(page.getByTestId("attempt-history").getByRole("row")).toHaveCount(2);
    await page.goto(`/questions/${revealedId}`);
    await expect(page.getByText("You have not answered this question yet.")).toBeVisible();
  });

  test("a batch of two topics: one section each under one progress bar that reaches the total", async ({ page }) => {
    await signUp(page);
    await uploadMaterial(page, HEART_MD);
    await submitGenerate(page, { topic: "heart valves", more: ["cardiac muscle"], count: 2 });
    await waitForSummary(page);
    await expect(page).toHaveURL(/\/generate\?jobs=[0-9a-f-]{36},[0-9a-f-]{36}$/);
    expect(watchedJobIds(page)).toHaveLength(2);

    const sections = page.getByTestId("generation-run");
    await expect(sections).toHaveCount(2);
    for (const [i, topic] of ["heart valves", "cardiac muscle"].entries()) {
      const section = sections.nth(i);
      await expect(section.getByRole("heading", { level: 2 })).toHaveText(topic);
      await expect(section.locator('[data-testid="question-card"][data-state="complete"]')).toHaveCount(2);
      await expect(section.getByTestId("generation-run-progress")).toHaveText("2 of 2 · complete");
    }
    const bar = page.getByRole("progressbar", { name: "Questions written" });
    await expect(bar).toHaveAttribute("aria-valuemax", "4");
    await expect(bar).toHaveAttribute("aria-valuenow", "4");
    await expect(page.getByTestId("generation-progress")).toHaveText(/^4 of 4/);
    await expect(page.getByTestId("generation-summary")).toContainText("4 questions saved to your bank");
    await expect(page.getByTestId("question-card").and(page.locator('[data-state="writing"]'))).toHaveCount(0);
    await expectAccessible(page, "generate, a batch of two topics");
    // Two jobs, each in Recent generations.
    const jobs = page.getByTestId("generation-job");
    await expect(jobs.filter({ hasText: "heart valves" })).toHaveAttribute("data-status", "complete");
    await expect(jobs.filter({ hasText: "cardiac muscle" })).toHaveAttribute("data-status", "complete");
    await page.goto("/questions");
    await expect(page.getByTestId("bank-count")).toHaveText("4 questions");
  });

  test("says so next to the form, and focuses it, when the material has too little on the topic", async ({ page }) => {
    await signUp(page);
    await uploadMaterial(page, HEART_MD);
    // A real topic the heart chapter does not cover, then one that matches nothing at all.
    for (const topic of ["spermatogenesis meiosis", "xylophone quasar"]) {
      await submitGenerate(page, { topic, count: 2 });
      const refusal = page.getByTestId("generation-error");
      await expect(refusal).toHaveText(/^Your material has (no|\d+) passages? on ".+"; upload more on it or pick another topic\.$/);
      await expect(refusal).toContainText(topic);
      await expect(refusal).toBeFocused();
      await expect(page.getByTestId("generation-progress")).toHaveCount(0);
      await expect(cards(page)).toHaveCount(0);
    }
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
    // The run ends when the job's "done" arrives: cancelled, with what it kept.
    await expect(page.getByTestId("generation-summary")).toContainText("Cancelled");
    const kept = await completeCards(page).count();
    expect(kept).toBeGreaterThanOrEqual(1);
    expect(kept).toBeLessThan(10);
    await expect(page.locator('[data-testid="question-card"][data-state="writing"]')).toHaveCount(0);
    await expect(page.getByTestId("generation-run-progress")).toContainText("cancelled");
    await expect(page.getByRole("button", { name: /Cancel/ })).toHaveCount(0);
    // Recent generations catches up without a reload.
    await expect(page.getByTestId("generation-job").first()).toHaveAttribute("data-status", "cancelled");
    // The job is marked with what happened and what was kept; the reloaded page shows the same end.
    await page.reload();
    const job = page.getByTestId("generation-job").first();
    await expect(job).toHaveAttribute("data-status", "cancelled");
    await expect(job.getByRole("link", { name: /Watch/ })).toHaveCount(0);
    await expect(page.getByTestId("generation-summary")).toContainText("Cancelled");
    await expect(completeCards(page)).toHaveCount(kept);
    await expect(page.locator('[data-testid="question-card"][data-state="writing"]')).toHaveCount(0);
    const saved = Number(/(\d+) of 10 saved/.exec((await job.textContent()) ?? "")?.[1]);
    expect(saved).toBe(kept);
    // The model server saw its writing request aborted (the blind solver's calls are separate, and short).
    await expect
      .poll(async () => {
        const stats = (await (await request.get(`${process.env.E2E_LLM_URL}/stats`)).json()) as { aborted: boolean; kind: string }[];
        return stats.filter((s) => s.kind === "write").at(-1)?.aborted;
      })
      .toBe(true);
  });

  test("a reload mid-run shows the cards so far again, then the rest arrive", async ({ page }) => {
    test.slow(); // a run long enough to reload in the middle of
    await signUp(page);
    await uploadMaterial(page, HEART_MD);
    await submitGenerate(page, { topic: "heart valves", count: 6 });
    await expect(completeCards(page).first()).toBeVisible({ timeout: 30_000 });
    await expect(page).toHaveURL(/\/generate\?jobs=[0-9a-f-]{36}$/);
    const [jobId] = watchedJobIds(page);
    const before = await completeCards(page).count();

    await watchFirstCompleteOnLoad(page);
    await page.reload();
    // The page follows the same job: the list offers to watch it, and the cards so far are back
    // while the run still goes on.
    await expect(page.getByTestId("generation-job").first().getByRole("link", { name: /Watch/ })).toHaveAttribute("href", `/generate?jobs=${jobId}`);
    await expect(completeCards(page).first()).toBeVisible();
    const first = await firstCompleteSnapshot(page);
    expect(first?.complete).toBeGreaterThanOrEqual(before);
    expect(first?.finished).toBe(false);

    await waitForSummary(page);
    await expect(page.getByTestId("generation-progress")).toHaveText(/^6 of 6/);
    await expect(completeCards(page)).toHaveCount(6);
    // Each question once (the replay doubled nothing), each saved.
    const ids = await completeCards(page).evaluateAll((els) => els.map((e) => e.getAttribute("data-question-id")));
    expect(new Set(ids).size).toBe(6);
    expect(ids.every(Boolean)).toBe(true);
    await expect(page.getByTestId("generation-summary")).toContainText("6 questions saved to your bank");
    await expect(page.getByTestId("generation-job").first()).toHaveAttribute("data-status", "complete");
  });

  test("closing the tab mid-run cancels nothing: the job completes and its questions are in the bank", async ({ page, context }) => {
    test.slow();
    await signUp(page);
    await uploadMaterial(page, HEART_MD);
    await submitGenerate(page, { topic: "heart valves", count: 4 });
    await expect(completeCards(page).first()).toBeVisible({ timeout: 30_000 });
    await page.close();

    const later = await context.newPage();
    await expect
      .poll(
        async () => {
          await later.goto("/generate");
          return later.getByTestId("generation-job").first().getAttribute("data-status");
        },
        { timeout: 60_000, intervals: [1000] },
      )
      .toBe("complete");
    await expect(later.getByTestId("generation-job").first()).toContainText("heart valves · complete · 4 of 4 saved");
    await later.goto("/questions");
    await expect(later.getByTestId("bank-count")).toHaveText("4 questions");
    await expect(later.getByTestId("bank-row")).toHaveCount(4);
  });

  test("a lost connection mid-run is picked up again: the replay keeps a revealed card as it was and doubles nothing", async ({ page }) => {
    test.slow();
    await signUp(page);
    await uploadMaterial(page, HEART_MD);
    await page.goto("/generate");
    await breakableGenerateStreams(page);
    await submitGenerate(page, { topic: "heart valves", count: 6 });
    const first = completeCards(page).first();
    await expect(first).toBeVisible({ timeout: 30_000 });
    await first.getByRole("button", { name: "Reveal answer" }).click();
    await expect(first).toHaveAttribute("data-key", "revealed");
    expect(await generateStreamOpens(page)).toBe(1);
    await cutGenerateStreams(page);
    // The page opens the job's stream again by itself, and the server replays it.
    await expect.poll(() => generateStreamOpens(page)).toBe(2);
    await waitForSummary(page);
    // The list below has caught up (the page refreshed its server part): the cards are still the page's own.
    await expect(page.getByTestId("generation-job").first()).toHaveAttribute("data-status", "complete");
    await expect(page.getByTestId("generation-reconnecting")).toHaveCount(0);
    await expect(page.getByTestId("generation-error")).toHaveCount(0);
    await expect(completeCards(page)).toHaveCount(6);
    const ids = await completeCards(page).evaluateAll((els) => els.map((e) => e.getAttribute("data-question-id")));
    expect(new Set(ids).size).toBe(6);
    await expect(completeCards(page).first()).toHaveAttribute("data-key", "revealed");
    await expect(completeCards(page).filter({ has: page.getByTestId("answer-key") })).toHaveCount(1);
    await expect(page.getByTestId("generation-summary")).toContainText("6 questions saved to your bank");
  });

  test("another tab follows a running job from Recent generations' Watch link", async ({ page, context }) => {
    test.slow();
    await signUp(page);
    await uploadMaterial(page, HEART_MD);
    await submitGenerate(page, { topic: "heart valves", count: 6 });
    await expect(completeCards(page).first()).toBeVisible({ timeout: 30_000 });
    const [jobId] = watchedJobIds(page);

    const other = await context.newPage();
    await other.goto("/generate");
    await other.getByTestId("generation-job").first().getByRole("link", { name: "Watch heart valves" }).click();
    await expect(other).toHaveURL(new RegExp(`/generate\\?jobs=${jobId}$`));
    await expect(other.getByTestId("generation-run").getByRole("heading", { name: "heart valves" })).toBeVisible();
    await waitForSummary(other);
    await expect(completeCards(other)).toHaveCount(6);
    await expect(other.getByTestId("generation-summary")).toContainText("6 questions saved to your bank");
    // The first tab saw the same run to its end.
    await waitForSummary(page);
    await expect(completeCards(page)).toHaveCount(6);
  });
});
