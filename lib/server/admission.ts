// Load shedding at the edge of the process. Every request but static files passes this gate before Next sees it:
// a limited number are being served, a bounded number more wait their turn for at most `maxWaitMs`, and the rest
// are refused at once with a 503 and Retry-After. Without it, an overloaded instance lets every request in, each
// then queues for a database connection once per query and for the one JavaScript thread between its steps, and
// requests time out after tens of seconds instead of being told to come back.
// How many to serve at once adapts (additive increase, multiplicative decrease): while the event loop answers late
// (the CPU is the bottleneck: rendering pages) the limit shrinks; while it is prompt and requests wait, it grows
// back up to `maxInFlight` (about what the database pool can serve). The gate is per process on purpose: each
// instance protects its own pool and its own event loop.
import type { IncomingMessage, ServerResponse } from "node:http";
import { positiveInteger, type DatabaseSettings } from "../db/settings";
import { requestLocale, translate } from "../i18n/translate";
import { hasBody, receiveBody, ReceiveBudget, receiveLimits } from "./receive-body";

export interface AdmissionSettings {
  maxInFlight: number;
  maxQueue: number;
  maxWaitMs: number;
  /** Event-loop delay above which the process counts as CPU-bound and the limit shrinks. */
  lagLimitMs: number;
}

/** Busier than this, the event loop has no time to spare: more requests at once only make each one slower. */
const SATURATED_UTILIZATION = 0.9;

/** The limit never shrinks below this: a browser loading one page sends a few requests at once. */
const MIN_IN_FLIGHT = 4;

/**
 * OPSMIX_MAX_IN_FLIGHT (default: the database pool's size, at least 8), OPSMIX_MAX_QUEUE (default: four times that,
 * at least 64), OPSMIX_QUEUE_WAIT_MS (default 3000) and OPSMIX_LAG_LIMIT_MS (default 150). Serving more at once than
 * there are connections only makes requests wait for one inside, once per query, where no overall bound applies (the
 * drills measured it: with 15 on a pool of 10 a few dashboard pages took over 10 s under a storm; with 10, none did).
 */
export function admissionSettings(database: Pick<DatabaseSettings, "poolSize">, env: Readonly<Record<string, string | undefined>> = process.env): AdmissionSettings {
  const maxInFlight = positiveInteger(env, "OPSMIX_MAX_IN_FLIGHT", Math.max(8, database.poolSize));
  return {
    maxInFlight,
    maxQueue: positiveInteger(env, "OPSMIX_MAX_QUEUE", Math.max(64, 4 * maxInFlight)),
    maxWaitMs: positiveInteger(env, "OPSMIX_QUEUE_WAIT_MS", 3000),
    lagLimitMs: positiveInteger(env, "OPSMIX_LAG_LIMIT_MS", 150),
  };
}

export type Refusal = "queue_full" | "waited_too_long";

interface Waiter {
  admit: (release: () => void) => void;
  refuse: (reason: Refusal) => void;
  timer: NodeJS.Timeout;
  done: boolean;
}

export class AdmissionGate {
  private inFlight = 0;
  /** How many may be served at once right now: between MIN_IN_FLIGHT and settings.maxInFlight. */
  private limit: number;
  private readonly waiting: Waiter[] = [];
  /** Requests refused since the process started, by reason (for the log line and the drills). */
  readonly refused: Record<Refusal, number> = { queue_full: 0, waited_too_long: 0 };

  constructor(readonly settings: AdmissionSettings) {
    this.limit = settings.maxInFlight;
  }

  get stats() {
    return { inFlight: this.inFlight, limit: this.limit, waiting: this.waiting.length, refused: { ...this.refused } };
  }

  /**
   * Feeds one reading of the event loop over the last short interval: its worst delay (ms) and its utilization (the
   * share of the time it was busy, 0–1). Busy throughout and late while serving as many as allowed: the limit drops
   * by half. One long task in an otherwise idle interval (a big import, a first render) is not overload. Prompt
   * while requests wait: the limit rises by one.
   */
  observeLoop(lagMs: number, utilization: number): void {
    const saturated = utilization >= SATURATED_UTILIZATION && lagMs > this.settings.lagLimitMs;
    if (saturated && this.inFlight >= this.limit) {
      this.limit = Math.max(Math.min(MIN_IN_FLIGHT, this.settings.maxInFlight), Math.floor(this.limit / 2));
    } else if (!saturated && this.waiting.length > 0 && this.limit < this.settings.maxInFlight) {
      this.limit++;
      this.admitWaiting();
    }
  }

  /**
   * Asks to serve one request. Exactly one of `admit` (with a release to call once, when the response is done) or
   * `refuse` is called, synchronously when the answer is immediate. The returned cancel withdraws a waiting request
   * (its client went away); it is a no-op once the request was admitted or refused.
   */
  enter(admit: (release: () => void) => void, refuse: (reason: Refusal) => void): () => void {
    if (this.inFlight < this.limit && this.waiting.length === 0) {
      this.inFlight++;
      admit(this.releaser());
      return () => {};
    }
    if (this.waiting.length >= this.settings.maxQueue) {
      this.refused.queue_full++;
      refuse("queue_full");
      return () => {};
    }
    const waiter: Waiter = {
      admit,
      refuse,
      done: false,
      timer: setTimeout(() => {
        this.remove(waiter);
        this.refused.waited_too_long++;
        refuse("waited_too_long");
      }, this.settings.maxWaitMs),
    };
    this.waiting.push(waiter);
    return () => this.remove(waiter);
  }

  private remove(waiter: Waiter): void {
    if (waiter.done) return;
    waiter.done = true;
    clearTimeout(waiter.timer);
    const index = this.waiting.indexOf(waiter);
    if (index >= 0) this.waiting.splice(index, 1);
  }

  private admitWaiting(): void {
    while (this.inFlight < this.limit && this.waiting.length > 0) {
      const next = this.waiting.shift()!;
      next.done = true;
      clearTimeout(next.timer);
      this.inFlight++;
      next.admit(this.releaser());
    }
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight--;
      this.admitWaiting();
    };
  }
}

/** Paths served without the gate: build assets cost no database work and a busy page still needs its styles. */
export function bypassesGate(pathname: string): boolean {
  return pathname.startsWith("/_next/static/") || pathname === "/favicon.ico";
}

export const RETRY_AFTER_SECONDS = 2;

/** The 503 a refused request gets: JSON for the API, a small self-refreshing page for people, text for the rest. */
export function refusalResponse(
  pathname: string,
  headers: Headers,
): { status: 503; headers: Record<string, string>; body: string } {
  const locale = requestLocale(headers);
  const message = translate(locale, "errors.busy");
  const common = {
    "Retry-After": String(RETRY_AFTER_SECONDS),
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
  };
  if (pathname.startsWith("/api/")) {
    return {
      status: 503,
      headers: { ...common, "Content-Type": "application/json; charset=utf-8" },
      body: JSON.stringify({ error: { code: "unavailable", message } }),
    };
  }
  const wantsPage = (headers.get("accept") ?? "").includes("text/html") && !headers.has("next-action") && !headers.has("rsc");
  if (!wantsPage) {
    return { status: 503, headers: { ...common, "Content-Type": "text/plain; charset=utf-8" }, body: message };
  }
  const title = translate(locale, "app.name");
  const body = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta http-equiv="refresh" content="5"><title>${escapeHtml(title)}</title><style>body{font-family:system-ui,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;margin:0;display:grid;place-items:center;min-height:100vh;background:#f8fafc;color:#0f172a}main{max-width:28rem;padding:2rem;text-align:center}p{color:#475569}</style></head><body><main><h1>${escapeHtml(title)}</h1><p role="status">${escapeHtml(message)}</p><p>${escapeHtml(translate(locale, "errors.busyReload"))}</p></main></body></html>`;
  return {
    status: 503,
    headers: {
      ...common,
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    },
    body,
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function headersOf(request: IncomingMessage): Headers {
  const headers = new Headers();
  for (const name of ["accept", "accept-language", "cookie", "next-action", "rsc"]) {
    const value = request.headers[name];
    if (typeof value === "string") headers.set(name, value);
  }
  return headers;
}

function pathnameOf(request: IncomingMessage): string {
  const url = request.url ?? "/";
  const end = url.search(/[?#]/);
  return end < 0 ? url : url.slice(0, end);
}

type Handle = (request: IncomingMessage, response: ServerResponse) => Promise<unknown>;

/**
 * A node:http request listener that passes requests through the gate to `handle` (Next's request handler). A
 * request with a body is first received (./receive-body.ts) on a budget of its own, so slow senders hold no slot.
 */
export function gatedListener(gate: AdmissionGate, handle: Handle, bodies: ReceiveBudget = new ReceiveBudget(receiveLimits())) {
  const serve = (request: IncomingMessage, response: ServerResponse) => {
    handle(request, response).catch((error: unknown) => {
      console.error("[opsmix] request failed", error);
      if (!response.headersSent) response.writeHead(500).end();
    });
  };
  const refuse = (request: IncomingMessage, response: ServerResponse, pathname: string) => {
    const refusal = refusalResponse(pathname, headersOf(request));
    // The body of a refused upload is not read; closing the connection stops the client sending it.
    if (request.headers["content-length"] || request.headers["transfer-encoding"]) response.setHeader("Connection", "close");
    response.writeHead(refusal.status, refusal.headers).end(refusal.body);
  };
  const enter = (request: IncomingMessage, response: ServerResponse, pathname: string) => {
    const cancel = gate.enter(
      (release) => {
        response.once("close", release);
        serve(request, response);
      },
      () => refuse(request, response, pathname),
    );
    response.once("close", cancel);
  };
  return (request: IncomingMessage, response: ServerResponse): void => {
    const pathname = pathnameOf(request);
    if (bypassesGate(pathname)) return serve(request, response);
    if (!hasBody(request)) return enter(request, response, pathname);
    if (bodies.receiving >= bodies.limits.maxReceiving) {
      bodies.refused++;
      return refuse(request, response, pathname);
    }
    bodies.receiving++;
    void receiveBody(request, bodies.limits.receiveBufferBytes).then((received) => {
      bodies.receiving--;
      if (received && !response.destroyed) enter(received, response, pathname);
    });
  };
}
