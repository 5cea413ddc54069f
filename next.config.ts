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
  // `next dev` answers its own dev resources (HMR socket, chunks) only to pages opened on localhost
  // or on the -H host: a page opened at http://127.0.0.1:3000 rendered but never hydrated. Every
  // loopback name is this machine (IPv6 as the browser sends it: bracketed).
  allowedDevOrigins: ["localhost", "127.0.0.1", "[::1]"],
  typescript: {
    // CI (.ci/run) runs `next typegen` + `tsc --noEmit` first, which checks what `next build` would
    // check, and sets this so the build does not type-check the whole tree a second time.
    ignoreBuildErrors: process.env.STUDYIN_BUILD_SKIP_TYPECHECK === "1",
  },
  experimental: {
    serverActions: { bodySizeLimit: "1mb" },
    // With a proxy (proxy.ts) Next buffers request bodies up to 10 MB by default and cuts the rest:
    // one upload (UPLOAD_MAX_FILE_MB; the Materials page sends one file per request) must pass whole.
    proxyClientMaxBodySize: `${Math.ceil(getEnv().UPLOAD_MAX_FILE_MB) + 5}mb`,
  },
};

export default nextConfig;
