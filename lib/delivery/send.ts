// Delivering one message through one of a team's channels: the single entry point for the test button, reminders,
// digests and comments. Chat channels post once to their group; e-mail sends one message per recipient. Every call
// is written to the delivery log. With an idempotencyKey the message goes out at most once once a send succeeded,
// across instances (claims.ts); for e-mail the key is claimed per recipient, so a retry only reaches those it missed.
import { prisma } from "@/lib/db/client";
import { claimOrWait, BASE_LEASE_MS, markSent, releaseClaim } from "./claims";
import { openMailer } from "./email";
import { DELIVERY_TIMEOUT_MS, postWebhook } from "./http";
import { recordAttempt } from "./log";
import { openSecret, SecretUnreadable } from "./secrets";
import {
  isChannelKind,
  type ChannelKind,
  type ChannelSummary,
  type DeliveryErrorCode,
  type DeliveryOutcome,
  type DeliveryPurpose,
  type OutboundMessage,
  type Recipient,
} from "./types";
import { buildChatRequest, interpretResponse, type ChatKind, type WebhookSettings } from "./vendors";

export type { DeliveryOutcome, OutboundMessage, Recipient, ChannelKind, ChannelSummary };

export interface SendInput {
  teamId: string;
  channelId: string;
  message: OutboundMessage;
  purpose: DeliveryPurpose;
  /** E-mail channels: who receives it (one message each). Ignored by chat channels. */
  recipients?: Recipient[];
  /** Delivered at most once per channel and key once a send succeeded (reminder:<team>:<date>:<user>, …). */
  idempotencyKey?: string;
}

/** How long a second sender waits for the first one holding the same key before answering "in_progress". */
const CLAIM_WAIT_MS = DELIVERY_TIMEOUT_MS + 5_000;

/** The team's enabled channels, ordered by kind then name (optionally only some kinds). */
export async function listChannels(teamId: string, kinds?: readonly ChannelKind[]): Promise<ChannelSummary[]> {
  const rows = await prisma.deliveryChannel.findMany({
    where: { teamId, enabled: true, ...(kinds ? { kind: { in: [...kinds] } } : {}) },
    orderBy: [{ kind: "asc" }, { name: "asc" }, { id: "asc" }],
    select: { id: true, kind: true, name: true },
  });
  return rows.filter((row): row is ChannelSummary => isChannelKind(row.kind));
}

function failed(error: DeliveryErrorCode, retryable: boolean, extra: { httpStatus?: number; detail?: string } = {}): DeliveryOutcome {
  return { ok: false, error, retryable, ...(extra.httpStatus !== undefined ? { httpStatus: extra.httpStatus } : {}), ...(extra.detail ? { detail: extra.detail } : {}) };
}

async function logged(input: SendInput, outcome: DeliveryOutcome, recipients?: number): Promise<DeliveryOutcome> {
  await recordAttempt({
    teamId: input.teamId,
    channelId: input.channelId,
    purpose: input.purpose,
    status: outcome.ok ? (outcome.duplicate ? "duplicate" : "sent") : "failed",
    errorCode: outcome.ok ? undefined : outcome.error,
    errorDetail: outcome.ok ? undefined : outcome.detail,
    httpStatus: outcome.ok ? undefined : outcome.httpStatus,
    recipients,
  });
  return outcome;
}

/** Runs `send` under the claim of `key` (no key: just sends). */
async function once(key: string | null, channelId: string, leaseMs: number, send: () => Promise<DeliveryOutcome>): Promise<DeliveryOutcome> {
  if (!key) return send();
  const claim = await claimOrWait(key, channelId, leaseMs, CLAIM_WAIT_MS);
  if (claim === "duplicate") return { ok: true, duplicate: true };
  if (claim === "busy") return failed("in_progress", true);
  let outcome: DeliveryOutcome;
  try {
    outcome = await send();
  } catch (error) {
    await releaseClaim(key, claim.owner);
    throw error;
  }
  if (outcome.ok) await markSent(key);
  else await releaseClaim(key, claim.owner);
  return outcome;
}

export async function sendToChannel(input: SendInput): Promise<DeliveryOutcome> {
  const channel = await prisma.deliveryChannel.findFirst({
    where: { id: input.channelId, teamId: input.teamId },
    select: { id: true, kind: true, enabled: true, secretBox: true, team: { select: { id: true, slug: true, name: true } } },
  });
  if (!channel || !isChannelKind(channel.kind)) return failed("channel_not_found", false);
  // A test may be sent before the channel is switched on; scheduled messages respect the switch.
  if (!channel.enabled && input.purpose !== "test") return logged(input, failed("channel_disabled", false));
  const keyBase = input.idempotencyKey ? `${channel.id}:${input.idempotencyKey}` : null;

  if (channel.kind === "email") return sendEmail(input, keyBase);

  let settings: WebhookSettings;
  try {
    if (!channel.secretBox) throw new SecretUnreadable("nothing saved");
    settings = openSecret<WebhookSettings>(channel.secretBox, channel.team.id);
  } catch (error) {
    if (!(error instanceof SecretUnreadable)) throw error;
    return logged(input, failed("secret_unreadable", false));
  }
  const kind = channel.kind as ChatKind;
  const outcome = await once(keyBase, channel.id, BASE_LEASE_MS, async () => {
    const request = buildChatRequest(kind, settings, input.message, { now: new Date(), purpose: input.purpose, team: channel.team });
    const exchange = await postWebhook(request);
    if (!exchange.ok) return failed(exchange.error, exchange.retryable, { httpStatus: exchange.status, detail: exchange.detail });
    const verdict = interpretResponse(kind, exchange.status, exchange.body);
    return verdict.ok ? { ok: true } : failed(verdict.error, verdict.retryable, { httpStatus: exchange.status, detail: verdict.detail });
  });
  return logged(input, outcome);
}

async function sendEmail(input: SendInput, keyBase: string | null): Promise<DeliveryOutcome> {
  const recipients = dedupeRecipients(input.recipients ?? []);
  if (recipients.length === 0) return logged(input, failed("no_recipients", false), 0);
  const mailer = openMailer();
  if ("error" in mailer) return logged(input, failed(mailer.error, false), recipients.length);
  let firstFailure: DeliveryOutcome | null = null;
  let sent = 0;
  let duplicates = 0;
  try {
    for (const recipient of recipients) {
      const key = keyBase ? `${keyBase}:${recipient.email.toLowerCase()}` : null;
      const outcome = await once(key, input.channelId, BASE_LEASE_MS, async () => {
        const result = await mailer.send(recipient, input.message, { "X-OpsMix-Purpose": input.purpose });
        return result.ok ? { ok: true } : failed(result.error, result.retryable, { detail: result.detail });
      });
      if (outcome.ok) {
        if (outcome.duplicate) duplicates++;
        else sent++;
      } else {
        firstFailure ??= outcome;
        // The server itself is wrong (down, bad login): the other recipients would fail the same way.
        if (outcome.error === "smtp_unreachable" || outcome.error === "smtp_auth_failed" || outcome.error === "timeout") break;
      }
    }
  } finally {
    mailer.close();
  }
  if (firstFailure) return logged(input, firstFailure, recipients.length);
  return logged(input, sent === 0 && duplicates > 0 ? { ok: true, duplicate: true } : { ok: true }, recipients.length);
}

function dedupeRecipients(recipients: Recipient[]): Recipient[] {
  const seen = new Set<string>();
  return recipients.filter((recipient) => {
    const email = recipient.email.trim().toLowerCase();
    if (!email || !/^[^\s@]+@[^\s@]+$/.test(email) || seen.has(email)) return false;
    seen.add(email);
    return true;
  });
}
