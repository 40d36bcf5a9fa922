// One outgoing webhook POST: http/https only, 10 s for the whole exchange, redirects never followed (a 3xx is a
// failure: following one could carry the key-bearing body to another host), at most 64 KB of the answer read.
// node:http rather than fetch, so Next's patched fetch (caching, instrumentation) is never in the way.
import http from "node:http";
import https from "node:https";
import type { DeliveryErrorCode } from "./types";
import type { WebhookRequest } from "./vendors";

export const DELIVERY_TIMEOUT_MS = 10_000;
const MAX_ANSWER_BYTES = 64 * 1024;

export type HttpExchange =
  | { ok: true; status: number; body: string }
  | { ok: false; error: DeliveryErrorCode; retryable: boolean; status?: number; detail?: string };

/** An http(s) URL, or null: the only schemes a channel may point at. */
export function parseHttpUrl(value: string): URL | null {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname ? url : null;
  } catch {
    return null;
  }
}

const UNREACHABLE = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "ECONNRESET", "EPIPE", "EPROTO"]);

function networkFailure(error: NodeJS.ErrnoException): HttpExchange {
  const code = error.code ?? "";
  if (code === "ETIMEDOUT") return { ok: false, error: "timeout", retryable: true, detail: code };
  if (UNREACHABLE.has(code) || /^ERR_TLS|CERT|SSL/.test(code)) return { ok: false, error: "unreachable", retryable: true, detail: code || error.message.slice(0, 120) };
  return { ok: false, error: "unreachable", retryable: true, detail: (code || error.message).slice(0, 120) };
}

export function postWebhook(request: WebhookRequest, timeoutMs = DELIVERY_TIMEOUT_MS): Promise<HttpExchange> {
  const url = parseHttpUrl(request.url);
  if (!url) return Promise.resolve({ ok: false, error: "bad_url", retryable: false });
  const client = url.protocol === "https:" ? https : http;
  const body = Buffer.from(request.body, "utf8");
  return new Promise<HttpExchange>((resolve) => {
    let settled = false;
    const finish = (result: HttpExchange) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const req = client.request(
      url,
      { method: "POST", headers: { ...request.headers, "content-length": String(body.length), "user-agent": "OpsMix-Delivery/1" } },
      (res) => {
        const status = res.statusCode ?? 0;
        if (status >= 300 && status < 400) {
          res.resume();
          const location = res.headers.location ? parseHttpUrl(new URL(res.headers.location, url).toString())?.host : undefined;
          finish({ ok: false, error: "redirected", retryable: false, status, detail: location });
          req.destroy();
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          if (size < MAX_ANSWER_BYTES) chunks.push(chunk.subarray(0, MAX_ANSWER_BYTES - size));
          size += chunk.length;
        });
        res.on("end", () => finish({ ok: true, status, body: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", (error) => finish(networkFailure(error)));
      },
    );
    const timer = setTimeout(() => {
      finish({ ok: false, error: "timeout", retryable: true });
      req.destroy();
    }, timeoutMs);
    req.on("error", (error) => finish(networkFailure(error)));
    req.end(body);
  });
}
