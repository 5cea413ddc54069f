import { defineConfig } from "drizzle-kit";

// Migrations are generated from db/schema and committed; `npm run db:migrate` applies them to
// DATABASE_URL (or, unset, to the embedded PGlite under DATA_DIR).
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
  strict: true,
  verbose: true,
});
