import "server-only";
// Personal API tokens: shown once, stored as sha256, revocable. Bearer auth for /api/v1.
import { randomBytes } from "node:crypto";
import { prisma } from "@/lib/db/client";
import { Invalid, NotFound, RateLimited } from "@/lib/errors";
import type { Limit } from "./rate-limit";
import { hashToken } from "./token-hash";

export const TOKEN_PREFIX = "om_";
export const TOKEN_NAME_MAX = 60;

/** A token's name as stored, or Invalid (checked before anything is spent on making the token). */
export function apiTokenName(name: string): string {
  const trimmed = name.trim() || "API";
  if (trimmed.length > TOKEN_NAME_MAX) throw new Invalid("errors.nameTooLong");
  return trimmed;
}

export async function createApiToken(userId: string, name: string, db: Pick<typeof prisma, "apiToken"> = prisma) {
  const trimmed = apiTokenName(name);
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const row = await db.apiToken.create({
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
  forgetCachedTokens([tokenId]);
}

export interface BearerAuth {
  tokenId: string;
  user: { id: string; email: string; name: string; locale: string | null };
}

/**
 * How long a read may trust an earlier answer for the same token. Writes never use it: each write checks the
 * token, its user, the rate limit and the last-used stamp in one statement, so a revoked token or a disabled user is
 * refused on the very next write and on reads once this interval has passed (at once on this instance when the
 * token is revoked here).
 */
export const TOKEN_CACHE_MS = 5_000;
/** The rate-limit key of a token's writes (kept in the shared RateLimit table). */
const RATE_KEY_PREFIX = "api:token:";
const TOKEN_CACHE_MAX = 10_000;
const tokenCache = new Map<string, { until: number; auth: BearerAuth }>();

function remember(hash: string, auth: BearerAuth | null): void {
  tokenCache.delete(hash);
  if (!auth) return;
  if (tokenCache.size >= TOKEN_CACHE_MAX) tokenCache.delete(tokenCache.keys().next().value!);
  tokenCache.set(hash, { until: Date.now() + TOKEN_CACHE_MS, auth });
}

/** Drops cached answers for these tokens (or all): a revocation on this instance takes effect at once. */
export function forgetCachedTokens(tokenIds?: string[]): void {
  if (!tokenIds) return tokenCache.clear();
  const ids = new Set(tokenIds);
  for (const [hash, entry] of tokenCache) if (ids.has(entry.auth.tokenId)) tokenCache.delete(hash);
}

/** Drops cached answers for every token of this user (their tokens were revoked, or they were disabled). */
export function forgetCachedTokensOf(userId: string): void {
  for (const [hash, entry] of tokenCache) if (entry.auth.user.id === userId) tokenCache.delete(hash);
}

function bearerHash(authorization: string | null): string | null {
  const match = /^Bearer\s+(\S{1,200})$/i.exec(authorization ?? "");
  if (!match || !match[1]!.startsWith(TOKEN_PREFIX)) return null;
  return hashToken(match[1]!);
}

/**
 * The user behind a bearer token for a read, or null for a missing, unknown, revoked or disabled one. Writes nothing
 * (`_options` is accepted for older callers: reads never stamp a token).
 */
export async function userFromBearer(authorization: string | null, _options?: { touch?: boolean }): Promise<BearerAuth | null> {
  const hash = bearerHash(authorization);
  if (!hash) return null;
  const cached = tokenCache.get(hash);
  if (cached && cached.until > Date.now()) return cached.auth;
  const token = await prisma.apiToken.findUnique({
    where: { tokenHash: hash },
    select: { id: true, revokedAt: true, user: { select: { id: true, email: true, name: true, locale: true, disabledAt: true } } },
  });
  const auth = !token || token.revokedAt || token.user.disabledAt ? null : { tokenId: token.id, user: { id: token.user.id, email: token.user.email, name: token.user.name, locale: token.user.locale } };
  remember(hash, auth);
  return auth;
}

/** The caller's membership in the team a write asks for, as read with its token (plain columns: lib/teams shapes it). */
export interface WriteMembership {
  teamId: string;
  slug: string;
  name: string;
  timeZone: string;
  role: string;
  modelVersion: number;
  reviewThreshold: number;
}

export interface WriteAuth extends BearerAuth {
  /** The membership in the team named by `teamSlug` (the first team when null); null when there is none. */
  membership: WriteMembership | null;
}

/**
 * The user behind a bearer token for a write, checked live, in one statement that also counts the hit against the
 * token's rate limit, stamps lastUsedAt (at most once a minute) and reads the caller's membership in the team the
 * request names (`teamSlug`; null: the oldest membership, the API's default team). Null for a missing, unknown,
 * revoked or disabled token; RateLimited once the token's allowance is used up. The membership is a hint for the
 * caller's team check, never a permission by itself.
 */
export async function userFromBearerForWrite(authorization: string | null, limit: Limit, teamSlug: string | null = null): Promise<WriteAuth | null> {
  const hash = bearerHash(authorization);
  if (!hash) return null;
  // Timestamps in these columns are UTC wall-clock values (Prisma's convention), whatever the session time zone.
  const rows = await prisma.$queryRaw<
    ({ tokenId: string; userId: string; email: string; name: string; locale: string | null; count: number; resetAt: Date } & {
      [K in keyof WriteMembership as `m_${K}`]: WriteMembership[K] | null;
    })[]
  >`
    WITH token AS (
      SELECT t.id, u.id AS "userId", u.email, u.name, u.locale
      FROM "ApiToken" t JOIN "User" u ON u.id = t."userId"
      WHERE t."tokenHash" = ${hash} AND t."revokedAt" IS NULL AND u."disabledAt" IS NULL
    ), hit AS (
      INSERT INTO "RateLimit" ("key", "count", "resetAt")
      SELECT ${RATE_KEY_PREFIX} || token.id, 1, now() + make_interval(secs => ${limit.windowSeconds}) FROM token
      ON CONFLICT ("key") DO UPDATE SET
        "count" = CASE WHEN "RateLimit"."resetAt" <= now() THEN 1 ELSE "RateLimit"."count" + 1 END,
        "resetAt" = CASE WHEN "RateLimit"."resetAt" <= now()
          THEN now() + make_interval(secs => ${limit.windowSeconds}) ELSE "RateLimit"."resetAt" END
      RETURNING "count", "resetAt"
    ), touched AS (
      UPDATE "ApiToken" SET "lastUsedAt" = (now() AT TIME ZONE 'UTC') FROM token
      WHERE "ApiToken".id = token.id
        AND ("ApiToken"."lastUsedAt" IS NULL OR "ApiToken"."lastUsedAt" < (now() AT TIME ZONE 'UTC') - interval '60 seconds')
      RETURNING 1
    )
    SELECT token.id AS "tokenId", token."userId", token.email, token.name, token.locale, hit."count", hit."resetAt",
      m."teamId" AS "m_teamId", m.slug AS "m_slug", m.name AS "m_name", m."timeZone" AS "m_timeZone", m.role AS "m_role",
      m."modelVersion" AS "m_modelVersion", m."reviewThreshold" AS "m_reviewThreshold"
    FROM token CROSS JOIN hit
    LEFT JOIN LATERAL (
      SELECT team.id AS "teamId", team.slug, team.name, team."timeZone", membership.role::text AS role, team."modelVersion", team."reviewThreshold"
      FROM "Membership" membership JOIN "Team" team ON team.id = membership."teamId"
      WHERE membership."userId" = token."userId" AND (${teamSlug}::text IS NULL OR team.slug = ${teamSlug}::text)
      ORDER BY membership."createdAt" ASC
      LIMIT 1
    ) m ON true`;
  const row = rows[0];
  const auth = row ? { tokenId: row.tokenId, user: { id: row.userId, email: row.email, name: row.name, locale: row.locale } } : null;
  remember(hash, auth);
  if (row && row.count > limit.max) throw new RateLimited(Math.max(1, Math.ceil((new Date(row.resetAt).getTime() - Date.now()) / 1000)));
  if (!row || !auth) return null;
  const membership: WriteMembership | null =
    row.m_teamId === null
      ? null
      : {
          teamId: row.m_teamId,
          slug: row.m_slug!,
          name: row.m_name!,
          timeZone: row.m_timeZone!,
          role: row.m_role!,
          modelVersion: Number(row.m_modelVersion),
          reviewThreshold: Number(row.m_reviewThreshold),
        };
  return { ...auth, membership };
}
