// Local stand-ins for the chat platforms and an SMTP server, for the delivery and reminder specs (and the delivery
// unit tests). The HTTP receiver checks each vendor's signature and payload shape the way the vendor does and answers
// the way the vendor answers (Lark code 19021, DingTalk errcode 310000, webhook 401 on a bad signature); every
// request is recorded with `verified` and, when not, the `problem`. The SMTP receiver records each message with its
// envelope, decoded subject and text/HTML parts.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export type ReceiverKind = "lark" | "dingtalk" | "wecom" | "slack" | "webhook";

export interface EndpointOptions {
  /** The signing secret the "platform" expects (Lark, DingTalk, webhook). */
  secret?: string;
  /** Answer after this delay (to test timeouts and concurrent senders). */
  delayMs?: number;
}

export interface ReceivedChat {
  kind: ReceiverKind;
  endpoint: string;
  verified: boolean;
  problem?: string;
  headers: http.IncomingHttpHeaders;
  query: Record<string, string>;
  rawBody: string;
  body: unknown;
  /** The message's text as a reader sees it (post paragraphs, markdown, Slack text, webhook text). */
  text: string;
  receivedAt: Date;
}

interface Endpoint extends EndpointOptions {
  kind: ReceiverKind;
  id: string;
  key: string;
}

const ONE_HOUR_MS = 3_600_000;

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return Boolean(value) && typeof value === "object" && !Array.isArray(value);
}

type Check = { ok: true; text: string } | { ok: false; problem: string; text?: string };

function checkLark(endpoint: Endpoint, body: unknown): Check {
  if (!isObject(body)) return { ok: false, problem: "body is not a JSON object" };
  if (endpoint.secret) {
    const timestamp = Number(body.timestamp);
    if (typeof body.timestamp !== "string" || !Number.isInteger(timestamp)) return { ok: false, problem: "timestamp missing" };
    if (Math.abs(Date.now() - timestamp * 1000) > ONE_HOUR_MS) return { ok: false, problem: "timestamp not within one hour (seconds expected)" };
    const expected = createHmac("sha256", `${body.timestamp}\n${endpoint.secret}`).update("").digest("base64");
    if (typeof body.sign !== "string" || !same(body.sign, expected)) return { ok: false, problem: "sign mismatch" };
  }
  const content = isObject(body.content) ? body.content : null;
  if (body.msg_type === "text" && typeof content?.text === "string") return { ok: true, text: content.text };
  if (body.msg_type !== "post" || !isObject(content?.post)) return { ok: false, problem: "msg_type must be post or text" };
  const post = Object.values(content.post)[0];
  if (!isObject(post) || typeof post.title !== "string" || !Array.isArray(post.content)) return { ok: false, problem: "post needs title and content" };
  const lines: string[] = [];
  for (const paragraph of post.content) {
    if (!Array.isArray(paragraph) || !paragraph.every((e) => isObject(e) && typeof e.tag === "string")) return { ok: false, problem: "post content must be paragraphs of tagged elements" };
    lines.push(paragraph.map((e) => String((e as { text?: unknown }).text ?? "")).join(""));
  }
  return { ok: true, text: `${post.title}\n${lines.join("\n")}` };
}

function checkDingtalk(endpoint: Endpoint, query: URLSearchParams, body: unknown): Check {
  if (query.get("access_token") !== endpoint.key) return { ok: false, problem: "access_token unknown" };
  if (endpoint.secret) {
    const timestamp = query.get("timestamp") ?? "";
    if (!/^\d{13}$/.test(timestamp) || Math.abs(Date.now() - Number(timestamp)) > ONE_HOUR_MS) return { ok: false, problem: "timestamp (ms) missing or stale" };
    const expected = createHmac("sha256", endpoint.secret).update(`${timestamp}\n${endpoint.secret}`).digest("base64");
    if (!same(query.get("sign") ?? "", expected)) return { ok: false, problem: "sign not match" };
  }
  if (!isObject(body) || body.msgtype !== "markdown" || !isObject(body.markdown)) return { ok: false, problem: "msgtype must be markdown" };
  if (typeof body.markdown.title !== "string" || typeof body.markdown.text !== "string") return { ok: false, problem: "markdown needs title and text" };
  return { ok: true, text: body.markdown.text };
}

function checkWecom(endpoint: Endpoint, query: URLSearchParams, body: unknown): Check {
  if (query.get("key") !== endpoint.key) return { ok: false, problem: "invalid webhook url" };
  if (!isObject(body) || body.msgtype !== "markdown" || !isObject(body.markdown) || typeof body.markdown.content !== "string") return { ok: false, problem: "msgtype must be markdown with content" };
  if (Buffer.byteLength(body.markdown.content, "utf8") > 4096) return { ok: false, problem: "content over 4096 bytes" };
  return { ok: true, text: body.markdown.content };
}

function checkSlack(body: unknown): Check {
  if (!isObject(body) || typeof body.text !== "string") return { ok: false, problem: "no_text" };
  if (body.blocks !== undefined && !Array.isArray(body.blocks)) return { ok: false, problem: "invalid_blocks" };
  return { ok: true, text: body.text };
}

function checkWebhook(endpoint: Endpoint, headers: http.IncomingHttpHeaders, raw: string, body: unknown): Check {
  const signature = String(headers["x-opsmix-signature"] ?? "");
  const timestamp = String(headers["x-opsmix-timestamp"] ?? "");
  if (!/^\d+$/.test(timestamp)) return { ok: false, problem: "X-OpsMix-Timestamp missing" };
  if (endpoint.secret && !same(signature, `sha256=${createHmac("sha256", endpoint.secret).update(raw).digest("hex")}`)) return { ok: false, problem: "bad signature" };
  if (!isObject(body)) return { ok: false, problem: "body is not a JSON object" };
  for (const field of ["event", "title", "text", "markdown", "sentAt"]) if (typeof body[field] !== "string") return { ok: false, problem: `${field} missing` };
  if (!isObject(body.team)) return { ok: false, problem: "team missing" };
  return { ok: true, text: String(body.text) };
}

/** The vendor's own answer to a good or a refused request. */
function answer(kind: ReceiverKind, check: Check): { status: number; body: string } {
  const problem = check.ok ? "" : check.problem;
  switch (kind) {
    case "lark":
      if (check.ok) return { status: 200, body: JSON.stringify({ code: 0, msg: "success", data: {} }) };
      return { status: 200, body: JSON.stringify({ code: /sign|timestamp/.test(problem) ? 19021 : 9499, msg: problem, data: {} }) };
    case "dingtalk":
      if (check.ok) return { status: 200, body: JSON.stringify({ errcode: 0, errmsg: "ok" }) };
      return { status: 200, body: JSON.stringify({ errcode: /token/.test(problem) ? 300001 : 310000, errmsg: problem }) };
    case "wecom":
      if (check.ok) return { status: 200, body: JSON.stringify({ errcode: 0, errmsg: "ok" }) };
      return { status: 200, body: JSON.stringify({ errcode: /webhook url/.test(problem) ? 93000 : 40058, errmsg: problem }) };
    case "slack":
      return check.ok ? { status: 200, body: "ok" } : { status: 400, body: problem };
    case "webhook":
      if (check.ok) return { status: 204, body: "" };
      return { status: /signature/.test(problem) ? 401 : 400, body: problem };
  }
}

export interface ChatReceiver {
  port: number;
  received: ReceivedChat[];
  /** A new endpoint of `kind`; its URL is what an admin pastes into the channel form. */
  endpoint(kind: ReceiverKind, options?: EndpointOptions): string;
  /** Requests to the endpoint whose URL starts with `url` (without DingTalk's added timestamp/sign). */
  for(url: string): ReceivedChat[];
  close(): Promise<void>;
}

export async function startChatReceiver(port = 0): Promise<ChatReceiver> {
  const endpoints = new Map<string, Endpoint>();
  const received: ReceivedChat[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://receiver");
      const [, kind, id] = url.pathname.split("/") as [string, ReceiverKind, string];
      const endpoint = endpoints.get(`${kind}/${id}`);
      if (req.method !== "POST" || !endpoint) {
        res.writeHead(404).end(kind === "slack" ? "no_service" : "not found");
        return;
      }
      const rawBody = Buffer.concat(chunks).toString("utf8");
      let body: unknown = null;
      try {
        body = JSON.parse(rawBody);
      } catch {}
      const check: Check =
        body === null
          ? { ok: false, problem: "body is not JSON" }
          : kind === "lark"
            ? checkLark(endpoint, body)
            : kind === "dingtalk"
              ? checkDingtalk(endpoint, url.searchParams, body)
              : kind === "wecom"
                ? checkWecom(endpoint, url.searchParams, body)
                : kind === "slack"
                  ? checkSlack(body)
                  : checkWebhook(endpoint, req.headers, rawBody, body);
      received.push({
        kind,
        endpoint: `${kind}/${id}`,
        verified: check.ok,
        ...(check.ok ? {} : { problem: check.problem }),
        headers: req.headers,
        query: Object.fromEntries(url.searchParams),
        rawBody,
        body,
        text: check.text ?? "",
        receivedAt: new Date(),
      });
      const reply = answer(kind, check);
      setTimeout(() => {
        res.writeHead(reply.status, { "content-type": kind === "slack" || kind === "webhook" ? "text/plain" : "application/json" }).end(reply.body);
      }, endpoint.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const actualPort = (server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${actualPort}`;
  return {
    port: actualPort,
    received,
    endpoint(kind, options = {}) {
      const id = randomBytes(6).toString("hex");
      const key = randomBytes(8).toString("hex");
      endpoints.set(`${kind}/${id}`, { kind, id, key, ...options });
      if (kind === "dingtalk") return `${base}/dingtalk/${id}?access_token=${key}`;
      if (kind === "wecom") return `${base}/wecom/${id}?key=${key}`;
      return `${base}/${kind}/${id}`;
    },
    for(url) {
      const path = new URL(url).pathname.slice(1);
      return received.filter((r) => r.endpoint === path);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  raw: string;
  receivedAt: Date;
}

export interface MailReceiver {
  port: number;
  received: ReceivedMail[];
  /** Messages addressed to `email`. */
  to(email: string): ReceivedMail[];
  close(): Promise<void>;
}

function decodeWords(value: string): string {
  return value.replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=\s*/g, (_m, _charset: string, encoding: string, text: string) =>
    encoding.toUpperCase() === "B"
      ? Buffer.from(text, "base64").toString("utf8")
      : Buffer.from(text.replace(/_/g, " ").replace(/=([0-9A-F]{2})/gi, (_x, hex: string) => String.fromCharCode(parseInt(hex, 16))), "latin1").toString("utf8"),
  );
}

function parseHeaders(block: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of block.replace(/\r\n[ \t]+/g, " ").split(/\r\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

function decodeBody(body: string, encoding = ""): string {
  if (/base64/i.test(encoding)) return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (/quoted-printable/i.test(encoding)) {
    const bytes = body.replace(/=\r\n/g, "").replace(/=([0-9A-F]{2})/gi, (_x, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(bytes, "latin1").toString("utf8");
  }
  return body;
}

/** The text/plain and text/html parts of a (possibly multipart) message. */
function parseMail(raw: string): { subject: string; text: string; html: string } {
  const split = raw.indexOf("\r\n\r\n");
  const headers = parseHeaders(raw.slice(0, split));
  const body = raw.slice(split + 4);
  const parts: { type: string; content: string }[] = [];
  const boundary = /boundary="?([^";]+)"?/i.exec(headers["content-type"] ?? "")?.[1];
  if (boundary) {
    for (const chunk of body.split(`--${boundary}`).slice(1)) {
      if (chunk.startsWith("--")) break;
      const at = chunk.indexOf("\r\n\r\n");
      const partHeaders = parseHeaders(chunk.slice(2, at));
      parts.push({ type: partHeaders["content-type"] ?? "", content: decodeBody(chunk.slice(at + 4).replace(/\r\n$/, ""), partHeaders["content-transfer-encoding"]) });
    }
  } else {
    parts.push({ type: headers["content-type"] ?? "text/plain", content: decodeBody(body, headers["content-transfer-encoding"]) });
  }
  return {
    subject: decodeWords(headers.subject ?? ""),
    text: parts.find((p) => p.type.startsWith("text/plain"))?.content ?? "",
    html: parts.find((p) => p.type.startsWith("text/html"))?.content ?? "",
  };
}

/**
 * An SMTP server on 127.0.0.1:`port` (plain SMTP, no STARTTLS). With `auth`, AUTH is required and checked: a wrong
 * login is refused with 535 like a real server.
 */
export async function startMailReceiver(port = 0, auth?: { user: string; pass: string }): Promise<MailReceiver> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    disabledCommands: auth ? ["STARTTLS"] : ["STARTTLS", "AUTH"],
    authOptional: !auth,
    allowInsecureAuth: true,
    logger: false,
    onAuth(credentials, _session, callback) {
      if (auth && credentials.username === auth.user && credentials.password === auth.pass) callback(null, { user: credentials.username });
      else callback(new Error("Invalid username or password"));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
          ...parseMail(raw),
          raw,
          receivedAt: new Date(),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const actualPort = (server.server.address() as AddressInfo).port;
  return {
    port: actualPort,
    received,
    to: (email) => received.filter((m) => m.to.includes(email.toLowerCase())),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
