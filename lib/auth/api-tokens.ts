import "server-only";
// Personal API tokens: shown once, stored as sha256, revocable. Bearer auth for /api/v1.
import { randomBytes } from "node:crypto";
import { prisma } from "@/lib/db/client";
import { Invalid, NotFound } from "@/lib/errors";
import { hashToken } from "@/lib/teams/mutations";

export const TOKEN_PREFIX = "om_";
export const TOKEN_NAME_MAX = 60;

export async function createApiToken(userId: string, name: string) {
  const trimmed = name.trim() || "API";
  if (trimmed.length > TOKEN_NAME_MAX) throw new Invalid("errors.nameTooLong");
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const row = await prisma.apiToken.create({
    data: { userId, name: trimmed, tokenHash: hashToken(token), prefix: token.slice(0, 10) },
    select: { id: true, name: true, prefix: true, createdAt: true },
  });
  return { token, ...row };
}

export async function listApiTokens(userId: string) {
  return prisma.apiToken.findMany({
    where: { userId, revokedAt: null },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true },
  });
}

export async function revokeApiToken(userId: string, tokenId: string) {
  const result = await prisma.apiToken.updateMany({
    where: { id: tokenId, userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (result.count !== 1) throw new NotFound();
}

/** The user behind a bearer token, or null for a missing, unknown, revoked or disabled one. */
export async function userFromBearer(authorization: string | null, options: { touch: boolean } = { touch: true }) {
  const match = /^Bearer\s+(\S{1,200})$/i.exec(authorization ?? "");
  if (!match || !match[1]!.startsWith(TOKEN_PREFIX)) return null;
  const token = await prisma.apiToken.findUnique({
    where: { tokenHash: hashToken(match[1]!) },
    select: { id: true, revokedAt: true, lastUsedAt: true, user: { select: { id: true, email: true, name: true, locale: true, disabledAt: true } } },
  });
  if (!token || token.revokedAt || token.user.disabledAt) return null;
  // Touch lastUsedAt at most once a minute, and never on reads: GET requests write nothing.
  if (options.touch && (!token.lastUsedAt || Date.now() - token.lastUsedAt.getTime() > 60_000)) {
    await prisma.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: new Date() } });
  }
  const { disabledAt: _disabled, ...user } = token.user;
  return { tokenId: token.id, user };
}
