// The delivery layer's public shapes: what callers (test button, reminders, digests, comments) hand to sendToChannel
// and what they get back. Pure types and constants, no server imports, so client components may use them too.

export const CHANNEL_KINDS = ["email", "lark", "dingtalk", "wecom", "slack", "webhook"] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export function isChannelKind(value: unknown): value is ChannelKind {
  return typeof value === "string" && (CHANNEL_KINDS as readonly string[]).includes(value);
}

/** Which settings a kind has: e-mail none, WeCom and Slack only the URL (their key is in it). */
export const KIND_FIELDS: Record<ChannelKind, { url: boolean; secret: "none" | "optional" | "required" }> = {
  email: { url: false, secret: "none" },
  lark: { url: true, secret: "optional" },
  dingtalk: { url: true, secret: "optional" },
  wecom: { url: true, secret: "none" },
  slack: { url: true, secret: "none" },
  webhook: { url: true, secret: "required" },
};

/** Chat kinds post once to a group; e-mail sends one message per recipient. */
export const CHAT_KINDS: readonly ChannelKind[] = ["lark", "dingtalk", "wecom", "slack", "webhook"];

/** A message already in its reader's language: plain text, Markdown for chat bots, optional HTML for e-mail. */
export interface OutboundMessage {
  title: string;
  text: string;
  markdown: string;
  html?: string;
}

export interface Recipient {
  userId?: string;
  email: string;
  name?: string;
  locale: "zh-CN" | "en";
}

export const DELIVERY_PURPOSES = ["test", "reminder", "digest", "comment"] as const;
export type DeliveryPurpose = (typeof DELIVERY_PURPOSES)[number];

/** Why a delivery failed, each with a translated message under delivery.errors.<code> that says what to do. */
export const DELIVERY_ERROR_CODES = [
  "channel_not_found",
  "channel_disabled",
  "no_recipients",
  "smtp_not_configured",
  "smtp_url_invalid",
  "smtp_unreachable",
  "smtp_auth_failed",
  "smtp_rejected",
  "unreachable",
  "timeout",
  "redirected",
  "bad_url",
  "private_address",
  "bad_signature",
  "rate_limited",
  "rejected",
  "http_error",
  "secret_unreadable",
  "in_progress",
  "internal",
] as const;
export type DeliveryErrorCode = (typeof DELIVERY_ERROR_CODES)[number];

export type DeliveryOutcome =
  | { ok: true; duplicate?: boolean }
  | { ok: false; error: DeliveryErrorCode; retryable: boolean; httpStatus?: number; detail?: string };

/** The message key that explains a delivery error (values: status, detail). */
export function deliveryErrorKey(code: DeliveryErrorCode): string {
  return `delivery.errors.${code}`;
}

/** Channel as callers see it: never its URL or secret. */
export interface ChannelSummary {
  id: string;
  kind: ChannelKind;
  name: string;
}
