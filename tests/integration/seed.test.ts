import { eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { materialChunks, materials, questions } from "@/db/schema";
import { makeUser, testDb } from "@/tests/setup/db";
import { seedQuestionsFor } from "@/tests/setup/seed";

// Opening the database (PGlite: migrations) belongs in a hook, not in the first test's time budget.
beforeAll(async () => {
  await testDb();
});

describe("seedQuestionsFor", () => {
  it("creates a ready material, its passages and questions whose quotes are verbatim", async () => {
    const db = await testDb();
    const user = await makeUser(db);
    const seeded = await seedQuestionsFor(db, user.id, { count: 9, topic: "Heart" });
    expect(seeded.questionIds).toHaveLength(9);
    const [material] = await db.select().from(materials).where(eq(materials.id, seeded.materialId));
    expect(material!.status).toBe("ready");
    const chunks = await db.select().from(materialChunks).where(eq(materialChunks.materialId, seeded.materialId));
    const rows = await db.select().from(questions).where(inArray(questions.id, seeded.questionIds));
    for (const q of rows) {
      expect(q.userId).toBe(user.id);
      expect(q.topic).toBe("Heart");
      const chunk = chunks.find((c) => c.id === q.sourceChunkIds[0]);
      expect(chunk?.content).toContain(q.sourceQuote!);
      expect(q.options).toHaveLength(5);
    }
    expect(new Set(rows.map((r) => r.vignette)).size).toBe(9);
  });
});
