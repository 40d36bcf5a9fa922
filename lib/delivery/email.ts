// E-mail over the instance's SMTP server: SMTP_URL (smtp://user:pass@host:587, smtps://… for implicit TLS) and
// SMTP_FROM, one message per recipient with a plain-text and an HTML body, through nodemailer.
import nodemailer from "nodemailer";
import type { DeliveryErrorCode, OutboundMessage, Recipient } from "./types";
import { DELIVERY_TIMEOUT_MS } from "./http";

export type SmtpStatus = { state: "ready"; host: string; from: string } | { state: "missing" } | { state: "invalid" };

/** The instance's SMTP settings as settings show them (host only, never the password). */
export function smtpStatus(env: NodeJS.ProcessEnv = process.env): SmtpStatus {
  const raw = env.SMTP_URL?.trim();
  if (!raw) return { state: "missing" };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { state: "invalid" };
  }
  if ((url.protocol !== "smtp:" && url.protocol !== "smtps:") || !url.hostname) return { state: "invalid" };
  const user = decodeURIComponent(url.username);
  const from = env.SMTP_FROM?.trim() || (user.includes("@") ? user : `OpsMix <no-reply@${url.hostname}>`);
  return { state: "ready", host: url.port ? `${url.hostname}:${url.port}` : url.hostname, from };
}

export type SmtpResult = { ok: true } | { ok: false; error: DeliveryErrorCode; retryable: boolean; detail?: string };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** The HTML body when the caller gave none: the plain text, escaped, one paragraph per blank-line block. */
export function htmlFromText(message: OutboundMessage): string {
  const paragraphs = message.text.split(/\n{2,}/).map((block) => `<p>${escapeHtml(block).replace(/\n/g, "<br>")}</p>`);
  return `<!doctype html><html><body style="font-family:sans-serif;line-height:1.5"><h2>${escapeHtml(message.title)}</h2>${paragraphs.join("")}</body></html>`;
}

function smtpFailure(error: unknown): SmtpResult {
  const e = error as { code?: string; responseCode?: number; response?: string; message?: string };
  const detail = (e.response ?? e.message ?? "").replace(/\s+/g, " ").slice(0, 300) || undefined;
  if (e.code === "EAUTH" || e.responseCode === 535 || e.responseCode === 534) return { ok: false, error: "smtp_auth_failed", retryable: false, detail };
  if (e.code === "ETIMEDOUT") return { ok: false, error: "timeout", retryable: true, detail };
  if (e.code === "ECONNECTION" || e.code === "ESOCKET" || e.code === "EDNS" || e.code === "ECONNREFUSED") {
    return { ok: false, error: "smtp_unreachable", retryable: true, detail };
  }
  if (typeof e.responseCode === "number") {
    return { ok: false, error: "smtp_rejected", retryable: e.responseCode >= 400 && e.responseCode < 500, detail };
  }
  if (e.code === "EENVELOPE") return { ok: false, error: "smtp_rejected", retryable: false, detail };
  return { ok: false, error: "smtp_unreachable", retryable: true, detail };
}

export interface Mailer {
  send(recipient: Recipient, message: OutboundMessage, headers: Record<string, string>): Promise<SmtpResult>;
  close(): void;
}

/** A mailer on SMTP_URL for one batch (one connection reused for its recipients), or why there is none. */
export function openMailer(env: NodeJS.ProcessEnv = process.env): Mailer | { error: DeliveryErrorCode } {
  const status = smtpStatus(env);
  if (status.state === "missing") return { error: "smtp_not_configured" };
  if (status.state === "invalid") return { error: "smtp_url_invalid" };
  const transport = nodemailer.createTransport({
    url: env.SMTP_URL!.trim(),
    pool: true,
    maxConnections: 1,
    connectionTimeout: DELIVERY_TIMEOUT_MS,
    greetingTimeout: DELIVERY_TIMEOUT_MS,
    socketTimeout: DELIVERY_TIMEOUT_MS,
  } as Parameters<typeof nodemailer.createTransport>[0]);
  return {
    async send(recipient, message, headers) {
      try {
        await transport.sendMail({
          from: status.from,
          to: recipient.name ? { name: recipient.name, address: recipient.email } : recipient.email,
          subject: message.title,
          text: message.text,
          html: message.html ?? htmlFromText(message),
          headers,
        });
        return { ok: true };
      } catch (error) {
        return smtpFailure(error);
      }
    },
    close() {
      transport.close();
    },
  };
}
