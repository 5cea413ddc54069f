import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Separate build dirs let a test run build beside a dev server without clobbering it.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Native / wasm packages that must be loaded by Node at run time, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "chromadb", "pdfjs-dist", "ioredis", "postgres"],
  poweredByHeader: false,
  experimental: {
    serverActions: { bodySizeLimit: "60mb" },
    // With a proxy (proxy.ts) Next buffers request bodies up to 10 MB by default and cuts the rest:
    // uploads (UPLOAD_MAX_FILE_MB, 50 MB by default) must pass whole.
    proxyClientMaxBodySize: "60mb",
  },
};

export default nextConfig;
