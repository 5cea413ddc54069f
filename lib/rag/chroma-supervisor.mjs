/**
 * Runs the embedded Chroma server for the app and ties it to the app's life (see chroma-server.ts).
 * Plain ESM, forked with an IPC channel; argv: the chromadb CLI path, then its arguments.
 *
 * The Chroma binding blocks its process's JavaScript thread once it serves, so no watchdog can run
 * inside the server itself. This small process starts the server as its child, reports the
 * server's pid over IPC, and stops it when the app goes: when the IPC channel closes (the app
 * exited or was killed, even with SIGKILL), when its parent pid changes, or on SIGTERM/SIGINT.
 */
import { spawn } from "node:child_process";

const [cli, ...args] = process.argv.slice(2);
const parent = process.ppid;
const server = spawn(process.execPath, [cli, ...args], {
  stdio: ["ignore", "ignore", "inherit"],
  env: { ...process.env, NO_COLOR: "1" },
});

let stopping = false;
function stop(code) {
  if (stopping) return;
  stopping = true;
  if (server.exitCode === null && server.signalCode === null) {
    server.kill("SIGTERM");
    setTimeout(() => server.kill("SIGKILL"), 2000).unref();
    server.once("exit", () => process.exit(code));
  } else process.exit(code);
}

server.once("spawn", () => process.send?.({ type: "server", pid: server.pid }));
server.once("error", (e) => {
  console.error(`chroma-supervisor: could not start Chroma: ${e.message}`);
  process.exit(1);
});
// The server ended on its own: so does this process, with its code (the app sees the exit).
server.once("exit", (code, signal) => {
  if (!stopping) process.exit(code ?? (signal ? 1 : 0));
});

process.on("disconnect", () => stop(0));
for (const sig of ["SIGTERM", "SIGINT", "SIGHUP"]) process.on(sig, () => stop(0));
// Belt and braces: an IPC close can be missed if the channel was never opened.
setInterval(() => {
  if (process.ppid !== parent) stop(0);
}, 1000);
