import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(__dirname),
      // `server-only` throws outside React Server Components; tests run the same modules in Node.
      "server-only": path.resolve(__dirname, "tests/setup/server-only.ts"),
    },
  },
  test: {
    include: ["lib/**/*.test.ts", "db/**/*.test.ts", "components/**/*.test.ts", "tests/**/*.test.ts", "bench/**/*.test.ts"],
    exclude: ["node_modules", "e2e", ".next*", ".data*"],
    environment: "node",
    // Tests never write into the app's own .data directory, nor into another run's (other checkouts
    // on the machine test at the same time): a dir of this run's, removed by the global setup.
    env: { AUTH_SECRET: "vitest-only-secret-not-for-production", DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "studyin-vitest-")) },
    globalSetup: ["tests/setup/global.ts"],
    pool: "forks",
    // next-auth imports "next/server" without an extension; let Vite resolve it.
    server: { deps: { inline: ["next-auth", "@auth/core"] } },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
