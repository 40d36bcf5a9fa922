import "server-only";
// Fixed-window rate limits kept in PostgreSQL, so every app instance behind a load balancer shares them.
import { recordAudit } from "@/lib/audit/record";
import { prisma } from "@/lib/db/client";
import { RateLimited } from "@/lib/errors";
import { peerAddress } from "@/lib/http/client-address";

export interface Limit {
  /** Requests allowed per window. */
  max: number;
  windowSeconds: number;
}

export const LIMITS = {
  signInPerIp: { max: 10, windowSeconds: 60 },
  /** Failed sign-ins only: a guesser is stopped, a person signing in on several devices is not. */
  signInPerAccount: { max: 10, windowSeconds: 300 },
  signUpPerIp: { max: 10, windowSeconds: 60 },
  passwordPerUser: { max: 10, windowSeconds: 300 },
  apiPerToken: { max: 600, windowSeconds: 60 },
} as const satisfies Record<string, Limit>;

/**
 * Counts one hit against `key` and throws RateLimited once the window's allowance is used up.
 * One upsert statement: concurrent instances cannot both slip under the limit.
 */
export async function hitRateLimit(key: string, limit: Limit): Promise<void> {
  pruneWhenDue();
  const rows = await prisma.$queryRaw<{ count: number; resetAt: Date }[]>`
    INSERT INTO "RateLimit" ("key", "count", "resetAt")
    VALUES (${key}, 1, now() + make_interval(secs => ${limit.windowSeconds}))
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimit"."resetAt" <= now() THEN 1 ELSE "RateLimit"."count" + 1 END,
      "resetAt" = CASE WHEN "RateLimit"."resetAt" <= now()
        THEN now() + make_interval(secs => ${limit.windowSeconds}) ELSE "RateLimit"."resetAt" END
    RETURNING "count", "resetAt"`;
  const row = rows[0];
  if (row && row.count > limit.max) {
    const retryAfter = Math.max(1, Math.ceil((new Date(row.resetAt).getTime() - Date.now()) / 1000));
    throw new RateLimited(retryAfter);
  }
}

/** Throws RateLimited when `key` has used up its window's allowance, without counting this call. */
export async function assertUnderRateLimit(key: string, limit: Limit): Promise<void> {
  const row = await prisma.rateLimit.findUnique({ where: { key }, select: { count: true, resetAt: true } });
  if (row && row.resetAt.getTime() > Date.now() && row.count >= limit.max) {
    throw new RateLimited(Math.max(1, Math.ceil((row.resetAt.getTime() - Date.now()) / 1000)));
  }
}

/**
 * How many reverse proxies in front of OpsMix append to X-Forwarded-For: TRUST_PROXY=1 for one (nginx, Caddy, a
 * load balancer), 2 for a CDN in front of that, and so on. Unset or 0: no forwarding header is believed.
 */
export function trustedProxyHops(env: Record<string, string | undefined> = process.env): number {
  const raw = (env.TRUST_PROXY ?? "").trim().toLowerCase();
  if (raw === "" || raw === "0" || raw === "false") return 0;
  if (raw === "true") return 1;
  const hops = Number(raw);
  return Number.isInteger(hops) && hops > 0 && hops < 10 ? hops : 0;
}

/**
 * The caller's address, for per-IP limits and the audit trail.
 * Behind TRUST_PROXY=N proxies it is the address the outermost trusted proxy saw: the N-th X-Forwarded-For entry
 * from the right (each proxy appends what it saw; anything further left was written by the client and may be
 * forged). Without TRUST_PROXY forwarding headers are ignored and the TCP peer address is used.
 */
export function clientIp(headers: Headers, env: Record<string, string | undefined> = process.env): string {
  const hops = trustedProxyHops(env);
  if (hops > 0) {
    const chain = (headers.get("x-forwarded-for") ?? "").split(",").map((entry) => entry.trim()).filter(Boolean);
    const address = chain.length > 0 ? chain[Math.max(0, chain.length - hops)] : headers.get("x-real-ip")?.trim();
    if (address) return address.slice(0, 64);
  }
  return peerAddress(headers)?.slice(0, 64) || "unknown";
}

/** Refusals of anonymous attempts stay in the audit trail this long; counters go as soon as their window lapses. */
export const THROTTLED_AUDIT_RETENTION_DAYS = 30;

/** One audit row per address and window for refused attempts: a flood of refusals leaves one trace, not a million. */
const THROTTLED_AUDIT_PER_IP: Limit = { max: 1, windowSeconds: 60 };

const PRUNE_EVERY_MS = 60_000;
const pruning = globalThis as typeof globalThis & { __opsmixLastPrune?: number };

/**
 * Deletes counters whose window has lapsed (a new hit starts a new window anyway) and refusals of anonymous attempts
 * older than THROTTLED_AUDIT_RETENTION_DAYS, so that neither table grows without bound under a stream of new keys.
 */
export async function pruneThrottlingBookkeeping(): Promise<void> {
  await prisma.$executeRaw`DELETE FROM "RateLimit" WHERE "resetAt" < now() - interval '1 minute'`;
  await prisma.$executeRaw`
    DELETE FROM "AuditEvent" WHERE "actorId" IS NULL AND action LIKE '%.throttled'
      AND "createdAt" < now() - make_interval(days => ${THROTTLED_AUDIT_RETENTION_DAYS})`;
}

/** Runs the pruning at most once a minute per process, off the caller's path; a failure is logged, never thrown. */
function pruneWhenDue(): void {
  const now = Date.now();
  if (now - (pruning.__opsmixLastPrune ?? 0) < PRUNE_EVERY_MS) return;
  pruning.__opsmixLastPrune = now;
  pruneThrottlingBookkeeping().catch((error: unknown) => console.error("[opsmix] pruning rate-limit rows failed", error));
}

/** Records a refused anonymous attempt (`*.throttled`), at most once per address and window. */
export async function auditThrottledAttempt(action: `${string}.throttled`, ip: string, detail: Record<string, string>): Promise<void> {
  try {
    await hitRateLimit(`audit:${action}:${ip}`, THROTTLED_AUDIT_PER_IP);
  } catch (error) {
    if (error instanceof RateLimited) return;
    throw error;
  }
  await recordAudit({ action, detail, ip });
}
