import type { NextConfig } from "next";
import { getEnv } from "./lib/env";

const nextConfig: NextConfig = {
  // Separate build dirs let a test run build beside a dev server without clobbering it.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // A self-contained server (.next/standalone) for deploying web instances; see README "Deploying".
  output: "standalone",
  // Native / wasm packages that must be loaded by Node at run time, not bundled.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "chromadb",
    "pdfjs-dist",
    "ioredis",
    "postgres",
    // The job engine (and its `pg` pool), loaded by Node as is.
    "pg-boss",
    // napi-rs binary (the FSRS optimizer), loaded by the settings action only.
    "@open-spaced-repetition/binding",
  ],
  poweredByHeader: false,
  experimental: {
    serverActions: { bodySizeLimit: "1mb" },
    // With a proxy (proxy.ts) Next buffers request bodies up to 10 MB by default and cuts the rest:
    // one upload (UPLOAD_MAX_FILE_MB; the Materials page sends one file per request) must pass whole.
    proxyClientMaxBodySize: `${Math.ceil(getEnv().UPLOAD_MAX_FILE_MB) + 5}mb`,
  },
};

export default nextConfig;
