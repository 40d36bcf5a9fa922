// Request bodies are received before a request may take a serving slot (lib/server/admission.ts): a client that
// trickles its body, one byte every few seconds, then waits on its own budget (at most `maxReceiving` bodies being
// received at once, each for at most the server's requestTimeout) instead of holding a slot that a prompt request
// needs. Up to `receiveBufferBytes` of each body are held in memory; a bigger body (a CSV import) takes its slot once
// that much has arrived, and the rest streams through as it comes.
import { IncomingMessage } from "node:http";
import { positiveInteger } from "../db/settings";

export interface ReceiveLimits {
  /** Bodies being received at once, before any is admitted; past this a new one is refused with 503. */
  maxReceiving: number;
  /** How much of a body is held in memory before the request goes on to the gate. */
  receiveBufferBytes: number;
}

export interface ServerTimeouts {
  /** Time allowed for a request's headers (Node's headersTimeout). */
  headersTimeoutMs: number;
  /** Time allowed for a whole request, headers and body (Node's requestTimeout); past it the client gets 408. */
  requestTimeoutMs: number;
}

/** OPSMIX_MAX_RECEIVING (default 64) and OPSMIX_RECEIVE_BUFFER_BYTES (default 1 MB, what the API accepts). */
export function receiveLimits(env: Readonly<Record<string, string | undefined>> = process.env): ReceiveLimits {
  return {
    maxReceiving: positiveInteger(env, "OPSMIX_MAX_RECEIVING", 64),
    receiveBufferBytes: positiveInteger(env, "OPSMIX_RECEIVE_BUFFER_BYTES", 1_000_000),
  };
}

/** OPSMIX_HEADERS_TIMEOUT_MS (default 10 s) and OPSMIX_REQUEST_TIMEOUT_MS (default 30 s, at least the former). */
export function serverTimeouts(env: Readonly<Record<string, string | undefined>> = process.env): ServerTimeouts {
  const headersTimeoutMs = positiveInteger(env, "OPSMIX_HEADERS_TIMEOUT_MS", 10_000);
  return { headersTimeoutMs, requestTimeoutMs: Math.max(headersTimeoutMs, positiveInteger(env, "OPSMIX_REQUEST_TIMEOUT_MS", 30_000)) };
}

/** Bodies being received now, and how many were refused for want of room (for the log line and the drills). */
export class ReceiveBudget {
  receiving = 0;
  refused = 0;
  constructor(readonly limits: ReceiveLimits) {}
}

/** Whether the request carries a body that has to arrive before it is served. */
export function hasBody(request: IncomingMessage): boolean {
  return request.headers["transfer-encoding"] !== undefined || Number(request.headers["content-length"] ?? 0) > 0;
}

/**
 * Reads the body until it ends or `bufferBytes` have arrived. Resolves with a request to hand on in place of the
 * original (same headers and socket; its body is what was read, followed by whatever is still to come), or null
 * when the client went away or the connection failed first.
 */
export function receiveBody(request: IncomingMessage, bufferBytes: number): Promise<IncomingMessage | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const cleanup = () => {
      request.off("data", onData);
      request.off("end", onEnd);
      request.off("error", onGone);
      request.off("close", onGone);
    };
    const settle = (ended: boolean) => {
      if (settled) return;
      settled = true;
      cleanup();
      request.pause();
      resolve(replay(request, chunks, ended));
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= bufferBytes) settle(false);
    };
    const onEnd = () => settle(true);
    const onGone = () => {
      if (settled) return;
      settled = true;
      cleanup();
      resolve(null);
    };
    request.on("data", onData);
    request.on("end", onEnd);
    request.on("error", onGone);
    request.on("close", onGone);
  });
}

/** A request that reads as the original would have: `received` first, then the rest of the original's body. */
function replay(original: IncomingMessage, received: Buffer[], ended: boolean): IncomingMessage {
  const copy = new IncomingMessage(original.socket!);
  copy.headers = original.headers;
  copy.rawHeaders = original.rawHeaders;
  copy.url = original.url;
  copy.method = original.method;
  copy.httpVersion = original.httpVersion;
  copy.httpVersionMajor = original.httpVersionMajor;
  copy.httpVersionMinor = original.httpVersionMinor;
  for (const chunk of received) copy.push(chunk);
  if (ended) {
    copy.complete = true;
    copy.push(null);
    copy._read = () => {};
    return copy;
  }
  // Backpressure passes through: the original is read only as fast as the app reads the copy.
  copy._read = () => void original.resume();
  original.on("data", (chunk: Buffer) => {
    if (!copy.push(chunk)) original.pause();
  });
  original.on("end", () => {
    copy.complete = true;
    copy.push(null);
  });
  original.on("error", (error) => copy.destroy(error));
  original.on("close", () => {
    if (!copy.complete) copy.destroy(new Error("the client went away before its body arrived"));
  });
  return copy;
}
