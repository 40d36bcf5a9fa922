// Idempotency claims in the database, so that two senders (two app instances on one PostgreSQL, or a retry racing
// the first try) deliver a keyed message at most once once one of them has succeeded:
//  1. claim: INSERT the key (primary key = unique) as "sending" with a lease; a live claim or a "sent" one blocks.
//  2. send, then mark the claim "sent" (kept for CLAIM_RETENTION_DAYS) or, on failure, release it so a retry can send.
// A sender that dies between claim and mark leaves a "sending" claim; after its lease ends another sender may take it
// over. That is the at-least-once window: had the dead sender's message already reached the platform, it goes again.
import { randomUUID } from "node:crypto";
import { prisma } from "@/lib/db/client";

/** Longer than one send can take (10 s per request, a batch of e-mails gets more): see leaseFor(). */
export const BASE_LEASE_MS = 60_000;
export const CLAIM_RETENTION_DAYS = 60;

export type ClaimResult = { claimed: true; owner: string } | { claimed: false; state: "sent" | "sending" };

/** Takes `key` for this sender, unless it was sent already or another sender holds a live lease on it. */
export async function claimKey(key: string, channelId: string, leaseMs = BASE_LEASE_MS): Promise<ClaimResult> {
  const owner = randomUUID();
  for (let attempt = 0; attempt < 3; attempt++) {
    const taken = await prisma.$queryRaw<{ owner: string }[]>`
      INSERT INTO "DeliveryClaim" ("key", "channelId", "state", "owner", "leaseUntil", "createdAt", "updatedAt")
      VALUES (${key}, ${channelId}, 'sending', ${owner}, now() + make_interval(secs => ${leaseMs / 1000}), now(), now())
      ON CONFLICT ("key") DO UPDATE SET "owner" = EXCLUDED."owner", "leaseUntil" = EXCLUDED."leaseUntil", "updatedAt" = now()
        WHERE "DeliveryClaim"."state" = 'sending' AND "DeliveryClaim"."leaseUntil" < now()
      RETURNING "owner"`;
    if (taken[0]?.owner === owner) return { claimed: true, owner };
    const existing = await prisma.deliveryClaim.findUnique({ where: { key }, select: { state: true } });
    // Released between our insert and this read (the other sender failed): try again.
    if (existing) return { claimed: false, state: existing.state === "sent" ? "sent" : "sending" };
  }
  return { claimed: false, state: "sending" };
}

/** The claim's state now: sent, still sending (live or expired), or gone (released after a failure). */
export async function claimState(key: string): Promise<"sent" | "sending" | "released"> {
  const row = await prisma.deliveryClaim.findUnique({ where: { key }, select: { state: true } });
  return !row ? "released" : row.state === "sent" ? "sent" : "sending";
}

/** The message went out: later claims of this key are duplicates. */
export async function markSent(key: string): Promise<void> {
  await prisma.$executeRaw`UPDATE "DeliveryClaim" SET "state" = 'sent', "updatedAt" = now() WHERE "key" = ${key}`;
}

/** The send failed: let a retry (this instance's or another's) claim the key again at once. */
export async function releaseClaim(key: string, owner: string): Promise<void> {
  await prisma.$executeRaw`DELETE FROM "DeliveryClaim" WHERE "key" = ${key} AND "owner" = ${owner} AND "state" = 'sending'`;
}

/**
 * Claims `key`, waiting up to `waitMs` when another sender holds it: resolves to "duplicate" once that one has sent,
 * to a claim when it failed (released) or its lease ended, or to "busy" when it is still sending after the wait.
 */
export async function claimOrWait(key: string, channelId: string, leaseMs: number, waitMs: number): Promise<{ owner: string } | "duplicate" | "busy"> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const result = await claimKey(key, channelId, leaseMs);
    if (result.claimed) return { owner: result.owner };
    if (result.state === "sent") return "duplicate";
    if (Date.now() >= deadline) return "busy";
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
