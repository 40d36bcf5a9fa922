import "server-only";
// Fixed-window rate limits kept in PostgreSQL, so every app instance behind a load balancer shares them.
import { prisma } from "@/lib/db/client";
import { RateLimited } from "@/lib/errors";

export interface Limit {
  /** Requests allowed per window. */
  max: number;
  windowSeconds: number;
}

export const LIMITS = {
  signInPerIp: { max: 10, windowSeconds: 60 },
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

/** The caller's IP as the proxy in front reports it; only the first hop is trusted. */
export function clientIp(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for");
  if (forwarded) return forwarded.split(",")[0]!.trim().slice(0, 64);
  return headers.get("x-real-ip")?.slice(0, 64) ?? "local";
}
