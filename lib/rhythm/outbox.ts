// How scheduled jobs hand messages to the delivery channels (lib/delivery): the planned sends of one job, each with
// its own idempotency key (one per recipient for e-mail, one per chat channel), and what the job makes of the results.
// A retried or taken-over job plans the same keys again, and lib/delivery delivers each key at most once.
import type { OutboundMessage, Recipient } from "@/lib/delivery/types";
import type { JobOutcome } from "@/lib/jobs/worker";

export type { OutboundMessage, Recipient };

export type SendOutcome = { ok: true; duplicate?: boolean } | { ok: false; error: string; retryable: boolean };

/** The part of lib/delivery the jobs use (tests pass a recording fake). */
export interface Delivery {
  listChannels(teamId: string): Promise<{ id: string; kind: string }[]>;
  sendToChannel(input: {
    teamId: string;
    channelId: string;
    message: OutboundMessage;
    purpose: "reminder" | "digest";
    recipients?: Recipient[];
    idempotencyKey?: string;
  }): Promise<SendOutcome>;
}

export interface PlannedSend {
  channelId: string;
  message: OutboundMessage;
  recipients?: Recipient[];
  idempotencyKey: string;
}

/** E-mail goes to each person; every other kind posts once to a group. */
export function splitChannels(channels: { id: string; kind: string }[], use: { email: boolean; chat: boolean }) {
  return {
    email: use.email ? channels.find((c) => c.kind === "email") ?? null : null,
    chats: use.chat ? channels.filter((c) => c.kind !== "email") : [],
  };
}

/**
 * Sends every planned message (one at a time: a channel's rate limit is per sender) and sums up: done when all
 * went (or had gone before), retry when a failure may pass, failed when one never will (a wrong secret, a bad URL).
 */
export async function sendPlanned(delivery: Delivery, teamId: string, purpose: "reminder" | "digest", sends: PlannedSend[], extra: Record<string, unknown>): Promise<JobOutcome> {
  let sent = 0;
  let duplicates = 0;
  const failures: { key: string; error: string; retryable: boolean }[] = [];
  for (const send of sends) {
    let outcome: SendOutcome;
    try {
      outcome = await delivery.sendToChannel({ teamId, channelId: send.channelId, message: send.message, purpose, recipients: send.recipients, idempotencyKey: send.idempotencyKey });
    } catch (error) {
      outcome = { ok: false, error: error instanceof Error ? error.message : String(error), retryable: true };
    }
    if (outcome.ok) {
      if (outcome.duplicate) duplicates += 1;
      else sent += 1;
    } else failures.push({ key: send.idempotencyKey, error: outcome.error, retryable: outcome.retryable });
  }
  const result = { ...extra, planned: sends.length, sent, duplicates, failed: failures };
  if (failures.length === 0) return { status: "done", result };
  const summary = [...new Set(failures.map((f) => f.error))].join(", ");
  return { status: "failed", error: `${failures.length} of ${sends.length} not delivered: ${summary}`, retryable: failures.some((f) => f.retryable), result };
}

/** Where links in messages point: the app's public address. */
export function appUrl(path: string): string {
  const base = (process.env.NEXTAUTH_URL ?? "http://localhost:3000").replace(/\/+$/, "");
  return `${base}${path}`;
}
