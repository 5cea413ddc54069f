/**
 * Client JavaScript per route against a bare Next.js page built in the same run.
 *
 *   npm run bench:bundle               # builds into .next-bundle (a bare page added for the build only)
 *   npm run bench:bundle -- --no-build # reads the last such build again
 *
 * A route's client JS is what its HTML makes the browser load: the framework's root chunks
 * (build-manifest.json `rootMainFiles`) plus every chunk its layouts and page list in the route's
 * client reference manifest (`entryJSFiles`). The bare page (`app/bundle-baseline/page.tsx`, a
 * server component rendering one paragraph under the root layout) is written before the build and
 * removed after it, with tsconfig.json (which `next build` rewrites) put back. Exits 1 when a route
 * ships more than BUDGET_KIB over the bare page.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import zlib from "node:zlib";

const BUDGET_KIB = 30;
const root = process.cwd();
const distDir = ".next-bundle";
const dist = path.join(root, distDir);
const baselineDir = path.join(root, "app", "bundle-baseline");
const BASELINE_ROUTE = "/bundle-baseline";

function build() {
  const tsconfig = fs.readFileSync(path.join(root, "tsconfig.json"), "utf8");
  fs.mkdirSync(baselineDir, { recursive: true });
  fs.writeFileSync(
    path.join(baselineDir, "page.tsx"),
    "// Written by bench/bundle/run.ts for one build; removed after it.\nexport default function Page() {\n  return <p>A bare page.</p>;\n}\n",
  );
  try {
    console.log(`next build into ${distDir} (with a bare page at ${BASELINE_ROUTE})…`);
    const r = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: "1" },
      maxBuffer: 64 * 1024 * 1024,
    });
    if (r.status !== 0) {
      process.stderr.write(r.stdout);
      process.stderr.write(r.stderr);
      throw new Error(`next build failed (exit ${r.status})`);
    }
  } finally {
    fs.rmSync(baselineDir, { recursive: true, force: true });
    fs.writeFileSync(path.join(root, "tsconfig.json"), tsconfig);
  }
}

function* manifests(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* manifests(p);
    else if (entry.name === "page_client-reference-manifest.js") yield p;
  }
}

/** "/(app)/questions/[id]/page" -> "/questions/[id]". */
function routeName(key: string): string {
  const r = key
    .replace(/\/page$/, "")
    .split("/")
    .filter((s) => s && !/^\(.*\)$/.test(s))
    .join("/");
  return `/${r}`;
}

type Size = { raw: number; gzip: number; files: number };

function measure(files: Set<string>): Size {
  let raw = 0;
  let gzip = 0;
  for (const f of files) {
    const bytes = fs.readFileSync(path.join(dist, f));
    raw += bytes.length;
    gzip += zlib.gzipSync(bytes, { level: 9 }).length;
  }
  return { raw, gzip, files: files.size };
}

function routes(): Map<string, Size> {
  const buildManifest = JSON.parse(fs.readFileSync(path.join(dist, "build-manifest.json"), "utf8")) as { rootMainFiles: string[] };
  const out = new Map<string, Size>();
  for (const file of manifests(path.join(dist, "server", "app"))) {
    const sandbox = { globalThis: {} as Record<string, unknown> };
    vm.runInNewContext(fs.readFileSync(file, "utf8"), sandbox);
    const all = (sandbox.globalThis.__RSC_MANIFEST ?? {}) as Record<string, { entryJSFiles?: Record<string, string[]> }>;
    for (const [key, m] of Object.entries(all)) {
      const files = new Set(buildManifest.rootMainFiles);
      for (const list of Object.values(m.entryJSFiles ?? {})) for (const f of list) files.add(f);
      out.set(routeName(key), measure(files));
    }
  }
  return out;
}

const kib = (n: number) => (n / 1024).toFixed(1);

if (!process.argv.includes("--no-build")) build();
const sizes = routes();
const bare = sizes.get(BASELINE_ROUTE);
if (!bare) throw new Error(`No ${BASELINE_ROUTE} in ${distDir}: run without --no-build.`);
sizes.delete(BASELINE_ROUTE);

console.log(`\nClient JS per route against a bare page in the same build (budget: bare + ${BUDGET_KIB} KiB)`);
console.log(`bare page: ${kib(bare.raw)} KiB (${kib(bare.gzip)} KiB gzip, ${bare.files} files)\n`);
const rows = [...sizes.entries()].sort(([a], [b]) => a.localeCompare(b));
const header = ["route", "KiB", "gzip KiB", "+KiB vs bare", "+gzip KiB", "ratio", ""];
const table = rows.map(([route, s]) => {
  const over = (s.raw - bare.raw) / 1024;
  return [route, kib(s.raw), kib(s.gzip), `+${kib(s.raw - bare.raw)}`, `+${kib(s.gzip - bare.gzip)}`, (s.raw / bare.raw).toFixed(3), over > BUDGET_KIB ? "OVER" : "ok"];
});
const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => (r[i] ?? "").length)));
const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ");
console.log(line(header));
for (const r of table) console.log(line(r));
const over = table.filter((r) => r[6] === "OVER");
if (over.length) {
  console.log(`\n${over.length} route(s) over budget.`);
  process.exitCode = 1;
}
