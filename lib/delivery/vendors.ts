// Each chat platform's documented webhook format and signing scheme, and how to read its answer. Pure functions:
// the sender (send.ts) does the HTTP, the tests check the exact payloads.
//  - Lark/Feishu custom bot: POST JSON {msg_type:"post", content:{post:{zh_cn:{title, content}}}}; with a signing secret,
//    sign = base64(HMAC-SHA256(key = timestamp + "\n" + secret, message = "")) and timestamp in seconds, both in the body.
//    Answers {code:0} (older hooks: StatusCode:0); code 19021 is a signature mismatch.
//  - DingTalk custom robot: POST JSON {msgtype:"markdown", markdown:{title, text}}; with a secret, the query gets
//    timestamp (ms) and sign = urlencode(base64(HMAC-SHA256(key = secret, message = timestamp + "\n" + secret))).
//    Answers {errcode:0}; 310000 covers sign/keyword/IP refusals, 300001 an unknown access_token.
//  - WeCom group robot: POST JSON {msgtype:"markdown", markdown:{content}} (content at most 4096 bytes) to the URL
//    with its key; no signature. Answers {errcode:0}; 93000 is an invalid webhook URL.
//  - Slack incoming webhook: POST JSON {text, blocks}; answers 200 "ok", else 4xx with a short reason.
//  - Generic webhook: POST JSON {event, team, title, text, markdown, sentAt}; X-OpsMix-Timestamp (seconds) and
//    X-OpsMix-Signature: sha256=<hex HMAC-SHA256(key = secret, message = raw body)>.
import { createHmac } from "node:crypto";
import type { ChannelKind, DeliveryErrorCode, DeliveryPurpose, OutboundMessage } from "./types";

export type ChatKind = Exclude<ChannelKind, "email">;

export interface WebhookSettings {
  url: string;
  secret?: string;
}

export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface RequestContext {
  now: Date;
  purpose: DeliveryPurpose;
  team: { id: string; slug: string; name: string };
}

export function larkSign(timestampSeconds: number, secret: string): string {
  return createHmac("sha256", `${timestampSeconds}\n${secret}`).update("").digest("base64");
}

/** DingTalk's sign, already URL-encoded for the query string. */
export function dingtalkSign(timestampMs: number, secret: string): string {
  return encodeURIComponent(createHmac("sha256", secret).update(`${timestampMs}\n${secret}`).digest("base64"));
}

export function webhookSignature(rawBody: string, secret: string): string {
  return `sha256=${createHmac("sha256", secret).update(rawBody).digest("hex")}`;
}

const JSON_HEADERS = { "content-type": "application/json; charset=utf-8" };

/** Markdown for bots that show no separate title in the chat: a heading first, unless the text starts with one. */
function withHeading(message: OutboundMessage): string {
  return /^\s*#/.test(message.markdown) ? message.markdown : `### ${message.title}\n\n${message.markdown}`;
}

/** Cuts UTF-8 text to at most `maxBytes`, on a character boundary, marking the cut with "…". */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, "utf8") <= maxBytes) return text;
  let out = "";
  let used = 0;
  const budget = maxBytes - Buffer.byteLength("…", "utf8");
  for (const char of text) {
    const size = Buffer.byteLength(char, "utf8");
    if (used + size > budget) break;
    out += char;
    used += size;
  }
  return `${out}…`;
}

/** Slack reads <…> as mentions and links (<!channel>, <url|text>) and ignores backslashes: &, < and > as entities. */
function escapeSlack(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/\\?</g, "&lt;").replace(/\\?>/g, "&gt;");
}

/** Slack's mrkdwn: *bold*, <url|text> links, headings as bold lines. */
export function toSlackMrkdwn(markdown: string): string {
  return escapeSlack(markdown)
    .replace(/^#{1,6}\s+(.+)$/gm, "*$1*")
    .replace(/\*\*(.+?)\*\*/g, "*$1*")
    .replace(/\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g, "<$2|$1>");
}

export function buildLarkRequest(settings: WebhookSettings, message: OutboundMessage, context: RequestContext): WebhookRequest {
  const lines = message.text.split("\n");
  const payload: Record<string, unknown> = {
    msg_type: "post",
    content: { post: { zh_cn: { title: message.title, content: lines.map((line) => [{ tag: "text", text: line }]) } } },
  };
  if (settings.secret) {
    const timestamp = Math.floor(context.now.getTime() / 1000);
    payload.timestamp = String(timestamp);
    payload.sign = larkSign(timestamp, settings.secret);
  }
  return { url: settings.url, headers: JSON_HEADERS, body: JSON.stringify(payload) };
}

export function buildDingtalkRequest(settings: WebhookSettings, message: OutboundMessage, context: RequestContext): WebhookRequest {
  let url = settings.url;
  if (settings.secret) {
    const timestamp = context.now.getTime();
    url += `${url.includes("?") ? "&" : "?"}timestamp=${timestamp}&sign=${dingtalkSign(timestamp, settings.secret)}`;
  }
  const payload = { msgtype: "markdown", markdown: { title: message.title, text: withHeading(message) } };
  return { url, headers: JSON_HEADERS, body: JSON.stringify(payload) };
}

export const WECOM_MARKDOWN_MAX_BYTES = 4096;

export function buildWecomRequest(settings: WebhookSettings, message: OutboundMessage): WebhookRequest {
  const payload = { msgtype: "markdown", markdown: { content: truncateUtf8(withHeading(message), WECOM_MARKDOWN_MAX_BYTES) } };
  return { url: settings.url, headers: JSON_HEADERS, body: JSON.stringify(payload) };
}

export function buildSlackRequest(settings: WebhookSettings, message: OutboundMessage): WebhookRequest {
  const payload = {
    text: escapeSlack(`${message.title}\n${message.text}`),
    blocks: [
      { type: "header", text: { type: "plain_text", text: message.title.slice(0, 150) } },
      { type: "section", text: { type: "mrkdwn", text: toSlackMrkdwn(message.markdown).slice(0, 3000) } },
    ],
  };
  return { url: settings.url, headers: JSON_HEADERS, body: JSON.stringify(payload) };
}

export function buildGenericWebhookRequest(settings: WebhookSettings, message: OutboundMessage, context: RequestContext): WebhookRequest {
  const body = JSON.stringify({
    event: context.purpose,
    team: context.team,
    title: message.title,
    text: message.text,
    markdown: message.markdown,
    sentAt: context.now.toISOString(),
  });
  const headers: Record<string, string> = { ...JSON_HEADERS, "x-opsmix-timestamp": String(Math.floor(context.now.getTime() / 1000)) };
  if (settings.secret) headers["x-opsmix-signature"] = webhookSignature(body, settings.secret);
  return { url: settings.url, headers, body };
}

export function buildChatRequest(kind: ChatKind, settings: WebhookSettings, message: OutboundMessage, context: RequestContext): WebhookRequest {
  switch (kind) {
    case "lark":
      return buildLarkRequest(settings, message, context);
    case "dingtalk":
      return buildDingtalkRequest(settings, message, context);
    case "wecom":
      return buildWecomRequest(settings, message);
    case "slack":
      return buildSlackRequest(settings, message);
    case "webhook":
      return buildGenericWebhookRequest(settings, message, context);
  }
}

export type VendorVerdict = { ok: true } | { ok: false; error: DeliveryErrorCode; retryable: boolean; detail?: string };

function parseJson(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function shortDetail(value: unknown): string | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  return String(value).replace(/\s+/g, " ").trim().slice(0, 300) || undefined;
}

function byStatus(status: number, detail?: string): VendorVerdict {
  if (status === 429) return { ok: false, error: "rate_limited", retryable: true, detail };
  if (status === 404 || status === 410) return { ok: false, error: "bad_url", retryable: false, detail };
  return { ok: false, error: "http_error", retryable: status >= 500, detail };
}

/**
 * What the platform's answer means. Lark, DingTalk and WeCom answer HTTP 200 with an error code in the body, so a
 * 200 alone is not success; Slack answers "ok"; a generic webhook succeeds on any 2xx.
 */
export function interpretResponse(kind: ChatKind, status: number, bodyText: string): VendorVerdict {
  const json = parseJson(bodyText);
  if (kind === "slack") {
    if (status >= 200 && status < 300) return { ok: true };
    const reason = shortDetail(bodyText);
    if (status === 403 || status === 404 || reason === "no_service" || reason === "invalid_token" || reason === "channel_not_found") {
      return { ok: false, error: "bad_url", retryable: false, detail: reason };
    }
    if (status === 400) return { ok: false, error: "rejected", retryable: false, detail: reason };
    return byStatus(status, reason);
  }
  if (kind === "webhook") {
    if (status >= 200 && status < 300) return { ok: true };
    const detail = shortDetail(bodyText);
    if (status === 401 || status === 403) return { ok: false, error: "bad_signature", retryable: false, detail };
    return byStatus(status, detail);
  }
  if (status < 200 || status >= 300) {
    const detail = shortDetail(json?.msg ?? json?.errmsg ?? json?.StatusMessage ?? bodyText);
    return byStatus(status, detail);
  }
  if (!json) return { ok: false, error: "rejected", retryable: false, detail: shortDetail(bodyText) };
  if (kind === "lark") {
    const code = Number(json.code ?? json.StatusCode ?? NaN);
    if (code === 0) return { ok: true };
    const detail = shortDetail(`${Number.isNaN(code) ? "?" : code} ${json.msg ?? json.StatusMessage ?? ""}`);
    if (code === 19021) return { ok: false, error: "bad_signature", retryable: false, detail };
    if (code === 11232 || code === 9499) return { ok: false, error: "rate_limited", retryable: true, detail };
    if (code === 19001 || code === 19002) return { ok: false, error: "bad_url", retryable: false, detail };
    return { ok: false, error: "rejected", retryable: false, detail };
  }
  const code = Number(json.errcode ?? NaN);
  if (code === 0) return { ok: true };
  const message = String(json.errmsg ?? "");
  const detail = shortDetail(`${Number.isNaN(code) ? "?" : code} ${message}`);
  if (kind === "dingtalk") {
    if (code === 310000 && /sign|timestamp/i.test(message)) return { ok: false, error: "bad_signature", retryable: false, detail };
    if (code === 300001 || code === 400102) return { ok: false, error: "bad_url", retryable: false, detail };
    if (code === 130101 || code === 410100) return { ok: false, error: "rate_limited", retryable: true, detail };
    return { ok: false, error: "rejected", retryable: false, detail };
  }
  // WeCom
  if (code === 93000 || code === 40008) return { ok: false, error: "bad_url", retryable: false, detail };
  if (code === 45009) return { ok: false, error: "rate_limited", retryable: true, detail };
  if (code === -1) return { ok: false, error: "rejected", retryable: true, detail };
  return { ok: false, error: "rejected", retryable: false, detail };
}
