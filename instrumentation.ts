/** Runs once when the server starts (Next's instrumentation hook). */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Per-IP limits read the socket's address from a header written here (lib/auth/client-ip.ts).
  const { stampPeerAddress } = await import("./lib/http/peer-address");
  stampPeerAddress();
  // Background job workers in this process (WORKERS=on, the default); not while `next build` runs.
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { startInProcessWorkers } = await import("./lib/jobs");
  startInProcessWorkers().catch((e) => console.error("[jobs] the workers did not start (they start on the next upload):", e));
}
