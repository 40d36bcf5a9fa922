// What the ID token must say before OpsMix accepts a single sign-on: pure, so every rule has a unit test.
import { EMAIL_MAX, isPlausibleEmail, normaliseEmail } from "./email";
import type { Locale } from "@/lib/i18n/locales";

/** Why an SSO sign-in was refused; each has a translated message on the sign-in page (sso.errors.<reason>). */
export const SSO_REFUSALS = [
  "denied",
  "issuer",
  "signature",
  "expired",
  "state",
  "nonce",
  "email_missing",
  "email_unverified",
  "disabled",
  "conflict",
  "provider",
] as const;
export type SsoRefusal = (typeof SSO_REFUSALS)[number];

export function isSsoRefusal(value: unknown): value is SsoRefusal {
  return typeof value === "string" && (SSO_REFUSALS as readonly string[]).includes(value);
}

export interface SsoIdentity {
  issuer: string;
  subject: string;
  email: string;
  name: string;
  locale: Locale | null;
}

const NAME_MAX = 200;

function text(value: unknown): string {
  return typeof value === "string" ? value.replace(/[\u0000-\u001f\u007f]/g, "").trim() : "";
}

/** "zh_CN", "zh-Hans", "en-US" → a supported UI language; anything else → null (the browser decides). */
export function localeFromClaim(value: unknown): Locale | null {
  const tag = text(value).toLowerCase();
  if (tag.startsWith("zh")) return "zh-CN";
  if (tag.startsWith("en")) return "en";
  return null;
}

/**
 * Reads the identity out of validated ID-token claims, or says why it is refused. The issuer must be the configured
 * one (openid-client checks it against discovery; a discovery document naming another issuer is caught here), and
 * the e-mail must be present and verified unless the operator trusts the IdP's e-mails (OIDC_TRUST_EMAIL=1).
 */
export function identityFromClaims(
  claims: Record<string, unknown>,
  config: { issuer: string; trustEmail: boolean },
): { ok: true; identity: SsoIdentity } | { ok: false; reason: SsoRefusal } {
  const issuer = text(claims.iss).replace(/\/+$/, "");
  if (issuer !== config.issuer) return { ok: false, reason: "issuer" };
  const subject = text(claims.sub);
  if (!subject || subject.length > 255) return { ok: false, reason: "provider" };
  const email = normaliseEmail(text(claims.email));
  if (!email || email.length > EMAIL_MAX || !isPlausibleEmail(email)) return { ok: false, reason: "email_missing" };
  const verified = claims.email_verified === true || claims.email_verified === "true";
  if (!verified && !config.trustEmail) return { ok: false, reason: "email_unverified" };
  const name = text(claims.name) || text(claims.preferred_username) || email.split("@")[0]!;
  return { ok: true, identity: { issuer, subject, email, name: name.slice(0, NAME_MAX), locale: localeFromClaim(claims.locale) } };
}

/** Maps an error from the OAuth/OIDC exchange (openid-client, next-auth's checks, the IdP's ?error=) to a refusal. */
export function refusalFromExchangeError(message: string): SsoRefusal {
  const m = message.toLowerCase();
  if (/access_denied|consent_required|interaction_required|login_required/.test(m)) return "denied";
  if (/nonce/.test(m)) return "nonce";
  if (/state/.test(m)) return "state";
  if (/\biss\b|issuer/.test(m)) return "issuer";
  if (/signature|alg|jwks|kid/.test(m)) return "signature";
  if (/expired|\bexp\b|\biat\b|too early|nbf|clock/.test(m)) return "expired";
  return "provider";
}
