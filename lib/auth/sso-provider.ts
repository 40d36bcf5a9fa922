import "server-only";
// The instance's OpenID Connect provider for next-auth: discovery from OIDC_ISSUER, authorization code flow with
// PKCE, state and nonce, identity read from the validated ID token. The exchange's failures are captured per request
// (./sso-outcome.ts) so the sign-in page can say what went wrong and the audit trail records it.
import type { NextAuthOptions } from "next-auth";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { recordAudit } from "@/lib/audit/record";
import { accountForSsoIdentity } from "./sso-accounts";
import { identityFromClaims } from "./sso-claims";
import { SSO_PROVIDER_ID, ssoConfig, type SsoConfig } from "./sso-config";
import { noteSsoRefusal, ssoRequestIp } from "./sso-outcome";

type Claims = Record<string, unknown> & { sub: string };

export function oidcProvider(config: SsoConfig): OAuthConfig<Claims> {
  return {
    id: SSO_PROVIDER_ID,
    name: config.name ?? "SSO",
    type: "oauth",
    wellKnown: `${config.issuer}/.well-known/openid-configuration`,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    authorization: { params: { scope: config.scopes } },
    idToken: true,
    checks: ["pkce", "state", "nonce"],
    // next-auth's own id/email/name shape; the account is resolved from the full claims in signInWithSso below.
    profile(claims) {
      return { id: claims.sub, email: typeof claims.email === "string" ? claims.email : null, name: typeof claims.name === "string" ? claims.name : null, claims };
    },
  };
}

/**
 * next-auth's signIn callback for SSO: refuses (redirect to the sign-in page with the reason) or turns next-auth's
 * profile object into our user, which the jwt callback then stamps with the session version like a password sign-in.
 */
export async function signInWithSso(user: Record<string, unknown>, profile: unknown): Promise<true | string> {
  const config = ssoConfig();
  if (!config) return refuse("provider");
  const ip = ssoRequestIp();
  const checked = identityFromClaims((profile ?? {}) as Record<string, unknown>, config);
  if (!checked.ok) return refuse(checked.reason, { email: typeof (profile as { email?: unknown })?.email === "string" ? String((profile as { email: string }).email).slice(0, 254) : null }, undefined, ip);
  const account = await accountForSsoIdentity(checked.identity, ip);
  if (!account.ok) return refuse(account.reason, { email: checked.identity.email }, account.userId, ip);
  user.id = account.user.id;
  user.email = account.user.email;
  user.name = account.user.name;
  user.sessionVersion = account.user.sessionVersion;
  delete user.claims;
  await recordAudit({ action: "auth.signin.success", actorId: account.user.id, ip, detail: { via: "sso" } });
  return true;
}

async function refuse(reason: Parameters<typeof noteSsoRefusal>[0], detail: Record<string, string | null> = {}, actorId?: string, ip?: string): Promise<string> {
  noteSsoRefusal(reason);
  await recordAudit({ action: "auth.sso.failure", actorId: actorId ?? null, ip, detail: { reason, ...detail } });
  return `/signin?error=sso_${reason}`;
}

/** The providers and logger additions for authOptions when SSO is configured. */
export function ssoProviders(): NextAuthOptions["providers"] {
  const config = ssoConfig();
  return config ? [oidcProvider(config)] : [];
}
