// Single sign-on settings of this instance, from the environment: one OpenID Connect provider (OIDC_*), and
// whether password sign-in is still offered (OPSMIX_AUTH=sso-only turns it off for all but break-glass accounts).

export const SSO_PROVIDER_ID = "oidc";

export interface SsoConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The button's label, e.g. "飞书登录" or "Company SSO"; null: the translated default. */
  name: string | null;
  scopes: string;
  /** Accept the IdP's e-mail even when it does not say `email_verified: true` (OIDC_TRUST_EMAIL=1). */
  trustEmail: boolean;
}

type Env = Record<string, string | undefined>;

/** The configured provider, or null when any of OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET is missing. */
export function ssoConfig(env: Env = process.env): SsoConfig | null {
  const issuer = env.OIDC_ISSUER?.trim().replace(/\/+$/, "");
  const clientId = env.OIDC_CLIENT_ID?.trim();
  const clientSecret = env.OIDC_CLIENT_SECRET?.trim();
  if (!issuer || !clientId || !clientSecret) return null;
  const scopes = (env.OIDC_SCOPES?.trim() || "openid email profile").split(/\s+/);
  if (!scopes.includes("openid")) scopes.unshift("openid");
  return {
    issuer,
    clientId,
    clientSecret,
    name: env.OIDC_NAME?.trim() || null,
    scopes: scopes.join(" "),
    trustEmail: env.OIDC_TRUST_EMAIL === "1" || env.OIDC_TRUST_EMAIL === "true",
  };
}

/** OPSMIX_AUTH=sso-only: password sign-in, sign-up and password changes are off except for break-glass accounts. */
export function isSsoOnly(env: Env = process.env): boolean {
  return env.OPSMIX_AUTH === "sso-only";
}

/** Whether this account may use a password on this instance. */
export function passwordAllowed(user: { breakGlass: boolean }, env: Env = process.env): boolean {
  return !isSsoOnly(env) || user.breakGlass;
}
