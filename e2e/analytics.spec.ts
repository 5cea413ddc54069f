/** The Analytics page: an honest empty state, then charts once there are answers. */
import { expect, test } from "@playwright/test";
import { signUp } from "./support/users";

test("a new student sees an empty state, not empty charts", async ({ page }) => {
  await signUp(page);
  await page.goto("/analytics");
  await expect(page.getByRole("heading", { name: "No data yet" })).toBeVisible();
  await expect(page.getByRole("figure")).toHaveCount(0);
});

test("after some answers: mastery by topic and progress over 30 days as labelled SVG charts", async ({ page }) => {
  await signUp(page);
  const seeded = await page.request.post("/api/test/seed", { data: { count: 7 } });
  const { questionIds } = (await seeded.json()) as { questionIds: string[] };
  // Fixture order: conduction x3, valves x2, coronary x2.
  const history = [
    { questionId: questionIds[0], status: "mastered", attempts: [{ isCorrect: true, daysAgo: 3 }, { isCorrect: true }] },
    { questionId: questionIds[1], status: "learning", attempts: [{ isCorrect: false, daysAgo: 3 }, { isCorrect: true, daysAgo: 1 }] },
    { questionId: questionIds[3], status: "reviewing", attempts: [{ isCorrect: false }] },
  ];
  for (const h of history) expect((await page.request.post("/api/test/attempts", { data: h })).status()).toBe(201);

  await page.goto("/analytics");
  await expect(page.getByTestId("stat-answered")).toHaveText("5");
  await expect(page.getByTestId("stat-accuracy")).toHaveText("60%");
  await expect(page.getByTestId("stat-days")).toHaveText("3 / 30");
  await expect(page.getByTestId("stat-mastered")).toHaveText("1 / 7");

  const mastery = page.getByTestId("chart-mastery");
  await expect(mastery.getByRole("heading", { name: "Mastery by topic" })).toBeVisible();
  await expect(mastery.getByRole("img", { name: "Cardiac conduction" })).toHaveAccessibleDescription(
    "Mastered 1, Reviewing 0, Learning 1, New 1 (of 3).",
  );
  await expect(page.getByTestId("chart-accuracy-topic").getByRole("img", { name: "Coronary circulation" })).toHaveAccessibleDescription(
    "No data: not answered yet.",
  );
  await expect(page.getByTestId("chart-accuracy-topic")).toContainText("3 of 4 answers"); // conduction
  const perDay = page.getByTestId("chart-answers-day").getByRole("img", { name: "Answers per day" });
  await expect(perDay).toHaveAccessibleDescription(/^3 of 30 days with data\./);
  await expect(page.getByTestId("chart-answers-day").getByTestId("column")).toHaveCount(3);
  await expect(page.getByTestId("accuracy-day-line")).toHaveAttribute("d", /^M/);
  await expect(page.getByTestId("chart-accuracy-day").getByTestId("point")).toHaveCount(3);

  // The numbers are there for anyone who wants them.
  await page.getByTestId("chart-answers-day").getByText("Show the numbers").click();
  await expect(page.getByTestId("chart-answers-day").getByRole("table")).toBeVisible();

  // Dark mode and a phone-sized screen still show the charts.
  await page.setViewportSize({ width: 375, height: 800 });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.reload();
  await expect(page.getByTestId("chart-mastery")).toBeVisible();
  const box = await page.getByTestId("chart-answers-day").boundingBox();
  expect(box!.width).toBeLessThanOrEqual(375);
});
