// One outgoing webhook POST: http/https only, 10 s for the whole exchange, redirects never followed (a 3xx is a
// failure: following one could carry the key-bearing body to another host), at most 64 KB of the answer read.
// node:http rather than fetch, so Next's patched fetch (caching, instrumentation) is never in the way.
import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import type { DeliveryErrorCode } from "./types";
import type { WebhookRequest } from "./vendors";

export const DELIVERY_TIMEOUT_MS = 10_000;
const MAX_ANSWER_BYTES = 64 * 1024;

// Addresses a team admin must not be able to reach through the server (SSRF): loopback, private networks, link-local
// (cloud metadata at 169.254.169.254), carrier-grade NAT, unspecified. An operator whose chat gateway lives on the
// internal network opts in with OPSMIX_DELIVERY_ALLOW_PRIVATE=1.
const PRIVATE = new net.BlockList();
// Also IETF protocol assignments, benchmarking, multicast and reserved (incl. broadcast), and IPv6 multicast and the
// local-use NAT64 prefix.
for (const [address, prefix] of [["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16], ["172.16.0.0", 12], ["192.0.0.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15], ["224.0.0.0", 3]] as const) {
  PRIVATE.addSubnet(address, prefix, "ipv4");
}
for (const [address, prefix] of [["::", 128], ["::1", 128], ["fc00::", 7], ["fe80::", 10], ["ff00::", 8], ["64:ff9b:1::", 48]] as const) PRIVATE.addSubnet(address, prefix, "ipv6");

/** The eight 16-bit groups of a valid IPv6 address (net.isIP said so). */
function ipv6Groups(address: string): number[] {
  let text = address.toLowerCase().replace(/%.*$/, "");
  const quad = /^(.*:)(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (quad) text = `${quad[1]}${((Number(quad[2]) << 8) | Number(quad[3])).toString(16)}:${((Number(quad[4]) << 8) | Number(quad[5])).toString(16)}`;
  const [head, tail] = text.includes("::") ? text.split("::") : [text, null];
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = [...left, ...Array(tail === null ? 0 : 8 - left.length - right.length).fill("0"), ...right];
  return groups.map((group) => parseInt(group, 16));
}

/** The IPv4 address an IPv6 one carries to an IPv4 host: NAT64 64:ff9b::/96, 6to4 2002::/16, IPv4-compatible ::/96. */
function embeddedIpv4(address: string): string | null {
  const g = ipv6Groups(address);
  const v4 = (high: number, low: number) => `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
  if (g[0] === 0x2002) return v4(g[1]!, g[2]!);
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  if ((g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6)) || zeros(0, 6)) return v4(g[6]!, g[7]!);
  return null;
}

export function isPrivateAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 0) return false;
  if (PRIVATE.check(address, family === 4 ? "ipv4" : "ipv6")) return true;
  const inner = family === 6 ? embeddedIpv4(address) : null;
  return inner !== null && PRIVATE.check(inner, "ipv4");
}

function privateAllowed(): boolean {
  return process.env.OPSMIX_DELIVERY_ALLOW_PRIVATE === "1";
}

/** dns.lookup that refuses private answers: checked on the address actually connected to (no DNS rebinding). */
const publicLookup: typeof dns.lookup = ((hostname: string, options: dns.LookupOptions, callback: (error: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void) => {
  dns.lookup(hostname, options, (error, address, family) => {
    if (error) return callback(error, address, family);
    const addresses = Array.isArray(address) ? address.map((a) => a.address) : [address];
    if (addresses.some(isPrivateAddress)) {
      const refused: NodeJS.ErrnoException = new Error(`${hostname} resolves to a private address`);
      refused.code = "EPRIVATE";
      return callback(refused, address, family);
    }
    callback(null, address, family);
  });
}) as typeof dns.lookup;

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
  if (code === "EPRIVATE") return { ok: false, error: "private_address", retryable: false };
  if (code === "ETIMEDOUT") return { ok: false, error: "timeout", retryable: true, detail: code };
  if (UNREACHABLE.has(code) || /^ERR_TLS|CERT|SSL/.test(code)) return { ok: false, error: "unreachable", retryable: true, detail: code || error.message.slice(0, 120) };
  return { ok: false, error: "unreachable", retryable: true, detail: (code || error.message).slice(0, 120) };
}

export function postWebhook(request: WebhookRequest, timeoutMs = DELIVERY_TIMEOUT_MS): Promise<HttpExchange> {
  const url = parseHttpUrl(request.url);
  if (!url) return Promise.resolve({ ok: false, error: "bad_url", retryable: false });
  const allowPrivate = privateAllowed();
  const literal = url.hostname.replace(/^\[|\]$/g, "");
  if (!allowPrivate && (isPrivateAddress(literal) || literal === "localhost")) return Promise.resolve({ ok: false, error: "private_address", retryable: false });
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
      {
        method: "POST",
        headers: { ...request.headers, "content-length": String(body.length), "user-agent": "OpsMix-Delivery/1" },
        ...(allowPrivate ? {} : { lookup: publicLookup }),
      },
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
