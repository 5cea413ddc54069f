import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Separate build dirs let a test run build beside a dev server without clobbering it.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Native / wasm packages that must be loaded by Node at run time, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "chromadb", "pdfjs-dist", "ioredis", "postgres"],
  poweredByHeader: false,
  experimental: {
    serverActions: { bodySizeLimit: "60mb" },
  },
};

export default nextConfig;
