/** Analytics: mastery by topic and answers per local day in the student's time zone. */
import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { questions } from "@/db/schema";
import { masteryByTopic } from "@/db/queries/analytics";
import { progressByDay } from "@/lib/analytics/service";
import { insertAttempts, setReviewStatus } from "@/tests/setup/attempts";
import { makeUser, testDb } from "@/tests/setup/db";
import { seedQuestionsFor } from "@/tests/setup/seed";

let db: Db;
beforeAll(async () => {
  db = await testDb();
});

describe("masteryByTopic", () => {
  it("counts review statuses (no schedule = new) and answer accuracy per topic, leaving out retired questions", async () => {
    const user = await makeUser(db);
    const ids = (await seedQuestionsFor(db, user.id, { count: 7 })).questionIds;
    // Fixture order: conduction x3, valves x2, coronary x2.
    await setReviewStatus(db, user.id, ids[0]!, "mastered");
    await setReviewStatus(db, user.id, ids[1]!, "learning");
    await setReviewStatus(db, user.id, ids[3]!, "reviewing");
    await insertAttempts(db, user.id, ids[0]!, [{ isCorrect: true }, { isCorrect: true }, { isCorrect: false }]);
    await insertAttempts(db, user.id, ids[3]!, [{ isCorrect: false }]);
    await insertAttempts(db, user.id, ids[6]!, [{ isCorrect: true }]);
    await db.update(questions).set({ retired: true }).where(eq(questions.id, ids[6]!));

    const m = await masteryByTopic(user.id);
    expect(m).toEqual([
      { topic: "Cardiac conduction", total: 3, new: 1, learning: 1, reviewing: 0, mastered: 1, answered: 3, correct: 2, accuracy: 2 / 3 },
      { topic: "Heart valves", total: 2, new: 1, learning: 0, reviewing: 1, mastered: 0, answered: 1, correct: 0, accuracy: 0 },
      { topic: "Coronary circulation", total: 1, new: 1, learning: 0, reviewing: 0, mastered: 0, answered: 0, correct: 0, accuracy: null },
    ]);
  });

  it("is empty for a student without questions", async () => {
    const user = await makeUser(db);
    expect(await masteryByTopic(user.id)).toEqual([]);
  });
});

describe("progressByDay", () => {
  it("groups answers by the student's local date across midnight and fills empty days", async () => {
    const user = await makeUser(db, { timezone: "America/New_York" });
    const [q] = (await seedQuestionsFor(db, user.id, { count: 1 })).questionIds;
    const now = new Date("2026-03-10T15:00:00Z"); // 11:00 in New York, March 10
    await insertAttempts(db, user.id, q!, [
      // 03:30 UTC on the 10th is 23:30 on the 9th in New York.
      { answeredAt: new Date("2026-03-10T03:30:00Z"), isCorrect: true },
      { answeredAt: new Date("2026-03-10T03:45:00Z"), isCorrect: false },
      { answeredAt: new Date("2026-03-10T14:00:00Z"), isCorrect: true },
      // 45 days ago: outside the window.
      { answeredAt: new Date("2026-01-24T12:00:00Z"), isCorrect: true },
    ]);
    const { timeZone, points } = await progressByDay(user.id, { now });
    expect(timeZone).toBe("America/New_York");
    expect(points).toHaveLength(30);
    expect(points.at(-1)).toEqual({ day: "2026-03-10", answered: 1, correct: 1, accuracy: 1 });
    expect(points.at(-2)).toEqual({ day: "2026-03-09", answered: 2, correct: 1, accuracy: 0.5 });
    expect(points[0]!.day).toBe("2026-02-09");
    expect(points.reduce((s, p) => s + p.answered, 0)).toBe(3);
    expect(points.filter((p) => p.accuracy === null)).toHaveLength(28);
  });

  it("the same answers fall on other days for a student in Tokyo", async () => {
    const user = await makeUser(db, { timezone: "Asia/Tokyo" });
    const [q] = (await seedQuestionsFor(db, user.id, { count: 1 })).questionIds;
    await insertAttempts(db, user.id, q!, [{ answeredAt: new Date("2026-03-10T03:30:00Z") }, { answeredAt: new Date("2026-03-10T16:00:00Z") }]);
    const { points } = await progressByDay(user.id, { now: new Date("2026-03-10T20:00:00Z") });
    expect(points.filter((p) => p.answered > 0).map((p) => [p.day, p.answered])).toEqual([
      ["2026-03-10", 1],
      ["2026-03-11", 1],
    ]);
  });
});
