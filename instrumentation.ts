/** Runs once when the server starts (Next's instrumentation hook). */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Per-IP limits read the socket's address from a header written here (lib/auth/client-ip.ts).
  const { stampPeerAddress } = await import("./lib/http/peer-address");
  stampPeerAddress();
}
