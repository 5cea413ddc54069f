/**
 * Child process for the embedded-Chroma lifecycle tests: starts the embedded server on the data
 * dir in argv[2], prints one JSON line { pid, serverPid, url } (or the error), and holds it.
 */
import { startChromaServer } from "../../lib/rag/chroma-server";

startChromaServer({ dataDir: process.argv[2]! })
  .then((s) => {
    console.log(JSON.stringify({ pid: process.pid, serverPid: s.pid, url: s.url }));
    setInterval(() => {}, 1000); // hold the server until killed
  })
  .catch((e: Error) => {
    console.error(`${e.name}: ${e.message}`);
    process.exit(1);
  });
