/**
 * Stamps every incoming HTTP request with its TCP peer's address in a header of our own, so route
 * handlers and server actions (which Next gives headers, not the socket) can read an address the
 * client cannot forge. Uses Node's `http.server.request.start` diagnostics channel, published
 * synchronously for each request before the server's 'request' listeners (Next's) run; any value
 * the client sent under the same name is overwritten.
 */
import diagnosticsChannel from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";

export const PEER_HEADER = "x-studyin-peer";

const globalForPeer = globalThis as unknown as { __studyinPeerStamp?: (message: unknown) => void };

export function stampPeerAddress(): void {
  if (globalForPeer.__studyinPeerStamp) return;
  const stamp = (message: unknown) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    request.headers[PEER_HEADER] = socket.remoteAddress ?? "unknown";
  };
  globalForPeer.__studyinPeerStamp = stamp; // kept referenced for as long as the process runs
  diagnosticsChannel.subscribe("http.server.request.start", stamp);
}
