// What a re-authentication at the identity provider must prove before it stands in for a password: a login made
// just now (auth_time after the request, and recent), by the very identity the account is linked to. Pure.

/** How old the IdP login may be when its answer arrives. */
export const REAUTH_MAX_AGE_SECONDS = 5 * 60;
/** Clock difference tolerated between the IdP and this server. */
export const REAUTH_CLOCK_SKEW_SECONDS = 60;

export const REAUTH_REFUSALS = ["denied", "stale", "other_account", "request", "exchange"] as const;
export type ReauthRefusal = (typeof REAUTH_REFUSALS)[number];

export function isReauthRefusal(value: unknown): value is ReauthRefusal {
  return typeof value === "string" && (REAUTH_REFUSALS as readonly string[]).includes(value);
}

export interface ReauthExpectation {
  issuer: string;
  /** The IdP subject the account is linked to. */
  subject: string;
  email: string;
  /** When the person asked to confirm (seconds since the epoch). */
  requestedAt: number;
  now: number;
}

/**
 * Checks validated ID-token claims (signature, issuer, audience, expiry and nonce are openid-client's job) against the
 * account: the login must have happened after the request (prompt=login, max_age=0 asked for a new one; an IdP that
 * ignores that and answers from an old session is refused) and within REAUTH_MAX_AGE_SECONDS, and the identity must
 * be the linked one (issuer and subject; the e-mail too, when the token carries one).
 */
export function checkReauthClaims(claims: Record<string, unknown>, expected: ReauthExpectation): { ok: true } | { ok: false; reason: ReauthRefusal } {
  const issuer = typeof claims.iss === "string" ? claims.iss.replace(/\/+$/, "") : "";
  if (issuer !== expected.issuer || claims.sub !== expected.subject) return { ok: false, reason: "other_account" };
  if (typeof claims.email === "string" && claims.email.trim().toLowerCase() !== expected.email.toLowerCase()) return { ok: false, reason: "other_account" };
  const authTime = claims.auth_time;
  if (typeof authTime !== "number" || !Number.isFinite(authTime)) return { ok: false, reason: "stale" };
  if (authTime < expected.requestedAt - REAUTH_CLOCK_SKEW_SECONDS) return { ok: false, reason: "stale" };
  if (expected.now - authTime > REAUTH_MAX_AGE_SECONDS) return { ok: false, reason: "stale" };
  if (authTime > expected.now + REAUTH_CLOCK_SKEW_SECONDS) return { ok: false, reason: "stale" };
  return { ok: true };
}
