import "server-only";
// Sessions ended before their JWT expires: sign-out revokes the session id its cookie carried, so a copy of that
// cookie (a shared computer, a leaked log) is refused from the next request on.
// Stored for now as expiring rows of the RateLimit table under a "revoked-session:" prefix, which every app
// instance already shares; a dedicated RevokedSession table is the cleaner home (see the report on this change).
import { randomBytes } from "node:crypto";
import { prisma } from "@/lib/db/client";

const PREFIX = "revoked-session:";

/** A fresh, unguessable session id for a new sign-in. */
export function newSessionId(): string {
  return randomBytes(18).toString("base64url");
}

/** Refuses this session id until `expiresAt` (when its JWT would lapse anyway). */
export async function revokeSession(sessionId: string, expiresAt: Date): Promise<void> {
  const key = PREFIX + sessionId.slice(0, 64);
  await prisma.rateLimit.upsert({ where: { key }, create: { key, count: 0, resetAt: expiresAt }, update: { resetAt: expiresAt } });
  // Sign-outs are rare: a good moment to drop revocations whose tokens have lapsed on their own.
  await prisma.rateLimit.deleteMany({ where: { key: { startsWith: PREFIX }, resetAt: { lt: new Date() } } });
}

export async function isSessionRevoked(sessionId: string): Promise<boolean> {
  const row = await prisma.rateLimit.findUnique({ where: { key: PREFIX + sessionId.slice(0, 64) }, select: { resetAt: true } });
  return row !== null && row.resetAt.getTime() > Date.now();
}
