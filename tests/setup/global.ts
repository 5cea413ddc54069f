/**
 * Runs once before the test files. With DATABASE_URL, migrate that database (the tests then share
 * it, each test making its own users). Without it, every test file opens its own in-memory PGlite.
 */
export default async function setup() {
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  if (!process.env.DATABASE_URL) return;
  const { openDatabase } = await import("../../db");
  const h = await openDatabase({ url: process.env.DATABASE_URL }, { migrate: true });
  await h.close();
}
