import "server-only";
// Sessions ended before their JWT expires: sign-out revokes the session id its cookie carried, so a copy of that
// cookie (a shared computer, a leaked log) is refused from the next request on. The RevokedSession table is shared
// by every app instance; a row lives until the token it names would have lapsed anyway.
import { randomBytes } from "node:crypto";
import { prisma } from "@/lib/db/client";

/** Session ids are 24 characters (18 random bytes, base64url); anything longer is not one of ours. */
const MAX_SID_LENGTH = 64;

/** A fresh, unguessable session id for a new sign-in. */
export function newSessionId(): string {
  return randomBytes(18).toString("base64url");
}

/** Refuses this session id until `expiresAt` (when its JWT would lapse anyway). */
export async function revokeSession(sessionId: string, userId: string, expiresAt: Date): Promise<void> {
  const sid = sessionId.slice(0, MAX_SID_LENGTH);
  await prisma.revokedSession.upsert({ where: { sid }, create: { sid, userId, expiresAt }, update: { expiresAt } });
  // Sign-outs are rare: a good moment to drop revocations whose tokens have lapsed on their own.
  await prisma.revokedSession.deleteMany({ where: { expiresAt: { lt: new Date() } } });
}

export async function isSessionRevoked(sessionId: string): Promise<boolean> {
  if (sessionId.length > MAX_SID_LENGTH) return true;
  const row = await prisma.revokedSession.findUnique({ where: { sid: sessionId }, select: { expiresAt: true } });
  return row !== null && row.expiresAt.getTime() > Date.now();
}
