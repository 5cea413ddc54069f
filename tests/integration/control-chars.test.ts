/**
 * NUL bytes and other control characters (item 9 of the hardening issue): refused by validation as
 * bad input at every boundary where they used to reach Postgres (which rejects NUL in text) and
 * give a 500, with nothing stored.
 */
import { and, count, eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db";
import { collections, materials, questionFlags } from "@/db/schema";
import { makeUser, testDb } from "@/tests/setup/db";
import { seedQuestionsFor } from "@/tests/setup/seed";

const session = vi.hoisted(() => ({ user: null as null | { id: string; email: string; name: string | null } }));
vi.mock("@/lib/auth/session", async () => {
  const { AppError } = await import("@/lib/errors");
  return {
    requireUser: async () => {
      if (!session.user) throw new AppError("unauthorized", "Your session has ended. Please sign in again.");
      return session.user;
    },
  };
});
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
// The upload route's background ingestion is not under test here.
vi.mock("@/lib/rag/ingest-job", () => ({ enqueueIngestion: async () => undefined, NOT_QUEUED_REASON: "not queued" }));

const bank = await import("@/app/(app)/questions/actions");
const materialActions = await import("@/app/(app)/materials/actions");
const { POST: upload } = await import("@/app/api/materials/route");
const { parseBankQuery } = await import("@/lib/bank/query");
const { signUpSchema } = await import("@/lib/auth/validation");
const { generateRequestSchema } = await import("@/lib/ai/request");

let db: Db;
let me: { id: string; email: string };
let questionId: string;
let materialId: string;

beforeAll(async () => {
  db = await testDb();
  me = await makeUser(db);
  const seeded = await seedQuestionsFor(db, me.id, { count: 1 });
  questionId = seeded.questionIds[0]!;
  materialId = seeded.materialId;
});
beforeEach(() => {
  session.user = { id: me.id, email: me.email, name: null };
});

const NUL = "\u0000";
const rows = async (table: typeof collections | typeof questionFlags | typeof materials, userId: string) => {
  const [r] = await db.select({ n: count() }).from(table).where(eq(table.userId, userId));
  return r!.n;
};

describe("NUL bytes are bad input, and nothing is stored", () => {
  it("collection names (create and rename) and descriptions", async () => {
    const before = await rows(collections, me.id);
    for (const input of [{ name: `Cardio${NUL}` }, { name: "Cardio", description: `notes${NUL}` }, { name: "Bell\u0007" }]) {
      const r = await bank.createCollectionAction(input);
      expect(r).toMatchObject({ ok: false, error: { code: "validation" } });
    }
    expect(await rows(collections, me.id)).toBe(before);
    const made = await bank.createCollectionAction({ name: "Renal" });
    expect(made.ok).toBe(true);
    const id = made.ok ? made.data.id : "";
    const renamed = await bank.renameCollectionAction({ collectionId: id, name: `Re${NUL}nal` });
    expect(renamed).toMatchObject({ ok: false, error: { code: "validation" } });
    const [c] = await db.select().from(collections).where(eq(collections.id, id));
    expect(c!.name).toBe("Renal");
  });

  it("flag reasons (line breaks and tabs still allowed)", async () => {
    const r = await bank.flagQuestionAction({ questionId, reason: `wrong key${NUL}` });
    expect(r).toMatchObject({ ok: false, error: { code: "validation" } });
    const [f] = await db
      .select({ n: count() })
      .from(questionFlags)
      .where(and(eq(questionFlags.userId, me.id), eq(questionFlags.questionId, questionId)));
    expect(f!.n).toBe(0);
    const ok = await bank.flagQuestionAction({ questionId, reason: "Option C is also right:\n\tsee page 3." });
    expect(ok.ok).toBe(true);
  });

  it("material titles and the materials search", async () => {
    const r = await materialActions.renameMaterialAction({ id: materialId, title: `Heart${NUL}` });
    expect(r).toMatchObject({ ok: false, error: { code: "validation" } });
    const [m] = await db.select({ title: materials.title }).from(materials).where(eq(materials.id, materialId));
    expect(m!.title).not.toContain(NUL);
    const s = await materialActions.searchMaterialsAction({ topic: `heart${NUL}` });
    expect(s).toMatchObject({ ok: false, error: { code: "validation" } });
  });

  it("upload file names: the whole upload is refused before any file is stored", async () => {
    const before = await rows(materials, me.id);
    const form = new FormData();
    form.append("files", new File(["The sinoatrial node starts each heartbeat."], "good-notes.txt", { type: "text/plain" }));
    form.append("files", new File(["The atrioventricular node delays it."], `bad${NUL}.txt`, { type: "text/plain" }));
    const res = await upload(new Request("http://localhost:3000/api/materials", { method: "POST", body: form }));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("validation");
    expect(await rows(materials, me.id)).toBe(before);
  });

  it("search q on the bank page is dropped, not sent to Postgres", () => {
    expect(parseBankQuery({ q: `heart${NUL}` }).q).toBeUndefined();
    expect(parseBankQuery({ q: NUL }).q).toBeUndefined();
    expect(parseBankQuery({ tag: `cardio${NUL}` }).tag).toBeUndefined();
    expect(parseBankQuery({ q: "heart valves" }).q).toBe("heart valves");
  });

  it("sign-up names and generation topics", () => {
    expect(signUpSchema.safeParse({ name: `Ada${NUL}`, email: "a@b.co", password: "long enough" }).success).toBe(false);
    expect(generateRequestSchema.safeParse({ topic: `heart${NUL}` }).success).toBe(false);
  });
});
