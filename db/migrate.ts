/** `npm run db:migrate`: applies the committed migrations to DATABASE_URL, or the embedded database. */
import path from "node:path";
import { getEnv } from "@/lib/env";
import { openDatabase } from "./index";

async function main() {
  const env = getEnv();
  const target = env.DATABASE_URL
    ? { url: env.DATABASE_URL }
    : { pgliteDir: path.resolve(env.DATA_DIR, "pglite") };
  const h = await openDatabase(target, { migrate: true });
  await h.close();
  console.log(`Migrations applied to ${env.DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : `embedded PGlite in ${target.pgliteDir}`}.`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
