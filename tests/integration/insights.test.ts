/** The analytics completions and weak-area evidence read from a real attempt log. */
import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { recordAnswer } from "@/lib/srs/service";
import { attemptSequence, scheduleByStatus, topicConfidence, topicEvidence } from "@/db/queries/insights";
import { questions } from "@/db/schema";
import { makeUser, testDb } from "@/tests/setup/db";
import { seedQuestionsFor } from "@/tests/setup/seed";

beforeAll(async () => {
  await testDb();
});

const day = (d: number) => new Date(Date.UTC(2026, 2, 1 + d, 12));

describe("insights", () => {
  it("counts per topic, per confidence, per attempt and per interval", async () => {
    const db = await testDb();
    const user = await makeUser(db);
    const seeded = await seedQuestionsFor(db, user.id, { count: 2, topic: "Cardio" });
    const qs = await db.select().from(questions).where(eq(questions.materialId, seeded.materialId));
    const [a, b] = qs as [(typeof qs)[number], (typeof qs)[number]];
    const ans = (q: typeof a, correct: boolean, confidence: number, at: Date) =>
      recordAnswer(user.id, { questionId: q.id, selectedIndex: correct ? q.correctIndex : (q.correctIndex + 1) % 4, confidence, timeTakenSeconds: 30, idempotencyKey: crypto.randomUUID() }, at);
    await ans(a, true, 4, day(0));
    await ans(a, false, 5, day(3)); // a lapse, 3 days later, confidently wrong
    await ans(b, false, 2, day(0));
    await ans(b, true, 3, day(1));

    const evidence = await topicEvidence(user.id, new Date(day(4).getTime() - 14 * 86_400_000));
    expect(evidence).toEqual([{ topic: "Cardio", answered: 4, correct: 2, recentLapses: 1, confidentlyWrong: 1 }]);
    const [conf] = await topicConfidence(user.id);
    expect(conf).toMatchObject({ topic: "Cardio", answered: 4, correct: 2, avgConfidence: 3.5 });
    expect(conf!.byConfidence.map((c) => [c.answered, c.correct])).toEqual([[0, 0], [1, 0], [1, 1], [1, 1], [1, 0]]);
    const seq = await attemptSequence(user.id, "UTC");
    const key = (r: { nth: number; gap: number; answered: number; correct: number }) => `${r.nth}/${r.gap}/${r.answered}/${r.correct}`;
    expect(seq.map(key).sort()).toEqual(["1/-1/2/1", "2/1/1/1", "2/3/1/0"]);
    const status = await scheduleByStatus(user.id);
    expect(status.find((s) => s.status === "learning")).toMatchObject({ count: 2, avgInterval: 1 });
  });
});
