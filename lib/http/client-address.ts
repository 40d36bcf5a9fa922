// The TCP peer address of each request. Next.js gives route handlers and server actions no socket, and fills
// X-Forwarded-For from the socket only when the client sent none, so any header a client can send could be forged.
// Instead, before Next sees a request, Node's diagnostics channel copies the socket's address into a header whose
// name is random per process and therefore unknown to clients. instrumentation.ts turns this on in the server.
import { randomBytes } from "node:crypto";
import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";

// Shared through globalThis: instrumentation and route handlers are bundled separately but run in one process.
const registry = globalThis as typeof globalThis & { __opsmixPeerHeader?: string };

/** Starts recording peer addresses for every HTTP request this process serves. Idempotent. */
export function capturePeerAddresses(): void {
  if (registry.__opsmixPeerHeader) return;
  const header = `x-opsmix-peer-${randomBytes(12).toString("hex")}`;
  subscribe("http.server.request.start", (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    request.headers[header] = socket.remoteAddress ?? "";
  });
  registry.__opsmixPeerHeader = header;
}

/** The peer address recorded for this request, or null when recording is off (scripts, tests). */
export function peerAddress(headers: Headers): string | null {
  const header = registry.__opsmixPeerHeader;
  return header ? headers.get(header) : null;
}
