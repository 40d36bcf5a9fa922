import "server-only";
// "Confirm with <OIDC_NAME>": an account with no password proves it is still its owner by signing in again at the
// identity provider (prompt=login, max_age=0) before one sensitive action, e.g. making an API token. The request is a
// row (ReauthGrant) bound to the user and the session that asked; the IdP's answer comes back through the one
// registered redirect URI (/api/auth/callback/oidc, told apart by its state) and turns the row into a grant that
// the same session spends once, within minutes.
import { generators, Issuer, type Client } from "openid-client";
import { headers } from "next/headers";
import { prisma } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { DomainError, Invalid, Unauthenticated } from "@/lib/errors";
import { checkReauthClaims, REAUTH_MAX_AGE_SECONDS, type ReauthRefusal } from "./reauth-claims";
import { clientIp, hitRateLimit, type Limit } from "./rate-limit";
import { currentSessionId, getViewer } from "./session";
import { refusalFromExchangeError } from "./sso-claims";
import { SSO_PROVIDER_ID, ssoConfig, type SsoConfig } from "./sso-config";
import { hashToken } from "./token-hash";

/** The actions a confirmation can allow, and the page the person comes back to. */
export const REAUTH_PURPOSES = { "token.create": "/account" } as const;
export type ReauthPurpose = keyof typeof REAUTH_PURPOSES;

/** States of re-authentications start with this; next-auth's own sign-in states never do. */
const STATE_PREFIX = "reauth.";
/** How long the person may take at the IdP. */
const PENDING_SECONDS = 10 * 60;
/** How long a confirmation stays spendable. */
export const GRANT_SECONDS = REAUTH_MAX_AGE_SECONDS;
/** Confirmations asked per person: each one is a row and a round trip to the IdP. */
const REAUTH_START_LIMIT: Limit = { max: 10, windowSeconds: 3600 };

export function isReauthState(state: string | null): boolean {
  return typeof state === "string" && state.startsWith(STATE_PREFIX);
}

function isPurpose(value: string): value is ReauthPurpose {
  return Object.hasOwn(REAUTH_PURPOSES, value);
}

let cachedClient: { key: string; client: Promise<Client> } | undefined;

/** openid-client's client for the configured IdP, discovered once per process (a failed discovery is retried). */
function oidcClient(config: SsoConfig): Promise<Client> {
  const key = `${config.issuer} ${config.clientId}`;
  if (cachedClient?.key !== key) {
    const client = Issuer.discover(`${config.issuer}/.well-known/openid-configuration`).then(
      (issuer) => new issuer.Client({ client_id: config.clientId, client_secret: config.clientSecret, response_types: ["code"] }),
    );
    client.catch(() => {
      if (cachedClient?.client === client) cachedClient = undefined;
    });
    cachedClient = { key, client };
  }
  return cachedClient.client;
}

/** The redirect URI operators register at the IdP; next-auth derives the same one from NEXTAUTH_URL. */
async function redirectUri(): Promise<string> {
  let origin = process.env.NEXTAUTH_URL;
  if (!origin) {
    const h = await headers();
    origin = `${h.get("x-forwarded-proto") ?? "http"}://${h.get("x-forwarded-host") ?? h.get("host")}`;
  }
  return new URL(`/api/auth/callback/${SSO_PROVIDER_ID}`, origin).toString();
}

async function linkedIdentity(userId: string, config: SsoConfig) {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { email: true, oidcIssuer: true, oidcSubject: true } });
  return user?.oidcSubject && user.oidcIssuer === config.issuer ? { email: user.email, subject: user.oidcSubject } : null;
}

/** Starts a confirmation for `purpose`: records the request and returns the IdP's login URL to send the person to. */
export async function startReauth(userId: string, purpose: string, ip?: string): Promise<string> {
  if (!isPurpose(purpose)) throw new Invalid();
  const config = ssoConfig();
  if (!config) throw new Invalid("sso.reauth.errors.notConfigured");
  const sessionId = await currentSessionId();
  if (!sessionId) throw new Unauthenticated();
  if (!(await linkedIdentity(userId, config))) throw new Invalid("sso.reauth.errors.notLinked");
  await hitRateLimit(`reauth:start:user:${userId}`, REAUTH_START_LIMIT);
  let client: Client;
  try {
    client = await oidcClient(config);
  } catch (error) {
    console.error("reauth: discovery failed", error);
    throw new DomainError("unavailable", "sso.errors.provider");
  }
  const state = STATE_PREFIX + generators.state();
  const nonce = generators.nonce();
  const codeVerifier = generators.codeVerifier();
  const now = Date.now();
  // Requests nobody finished are of no use once expired; clear this person's as a new one starts.
  await prisma.reauthGrant.deleteMany({ where: { userId, expiresAt: { lt: new Date(now) } } });
  await prisma.reauthGrant.create({
    data: { userId, sessionId, purpose, stateHash: hashToken(state), nonce, codeVerifier, expiresAt: new Date(now + PENDING_SECONDS * 1000) },
  });
  await recordAudit({ action: "auth.reauth.start", actorId: userId, ip, detail: { purpose } });
  return client.authorizationUrl({
    scope: "openid email",
    redirect_uri: await redirectUri(),
    state,
    nonce,
    code_challenge: generators.codeChallenge(codeVerifier),
    code_challenge_method: "S256",
    // A new login, whatever session the IdP still holds.
    prompt: "login",
    max_age: 0,
  });
}

function back(path: string, outcome: "ok" | ReauthRefusal): Response {
  return new Response(null, { status: 302, headers: { location: `${path}?reauth=${outcome}`, "cache-control": "no-store" } });
}

/** The IdP's answer to a confirmation (GET /api/auth/callback/oidc with a re-authentication state). */
export async function reauthCallback(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const state = url.searchParams.get("state") ?? "";
  const ip = clientIp(request.headers);
  const now = new Date();
  const grant = await prisma.reauthGrant.findUnique({
    where: { stateHash: hashToken(state) },
    select: { id: true, userId: true, sessionId: true, purpose: true, nonce: true, codeVerifier: true, createdAt: true, expiresAt: true, confirmedAt: true },
  });
  const page = grant && isPurpose(grant.purpose) ? REAUTH_PURPOSES[grant.purpose] : "/account";
  const fail = async (reason: ReauthRefusal, detail: Record<string, string> = {}) => {
    await recordAudit({ action: "auth.reauth.failure", actorId: grant?.userId ?? null, ip, detail: { reason, purpose: grant?.purpose ?? null, ...detail } });
    return back(page, reason);
  };
  // One answer per request: the request is closed before anything else, so a replayed callback finds nothing.
  const claimed = grant && !grant.confirmedAt && grant.expiresAt > now
    ? await prisma.reauthGrant.updateMany({ where: { id: grant.id, confirmedAt: null, expiresAt: { gt: now } }, data: { expiresAt: now } })
    : { count: 0 };
  if (!grant || claimed.count !== 1) return fail("request");
  // Only the session that asked may finish: a link handed to someone else's browser confirms nothing.
  const [viewer, sessionId] = await Promise.all([getViewer(), currentSessionId()]);
  if (!viewer || viewer.id !== grant.userId || sessionId !== grant.sessionId) return fail("request");
  const idpError = url.searchParams.get("error");
  if (idpError) return fail(refusalFromExchangeError(idpError) === "denied" ? "denied" : "exchange", { message: idpError.slice(0, 200) });
  const config = ssoConfig();
  const identity = config && (await linkedIdentity(grant.userId, config));
  if (!config || !identity) return fail("exchange", { message: "single sign-on is no longer configured or linked" });
  let claims: Record<string, unknown>;
  try {
    const client = await oidcClient(config);
    const tokens = await client.callback(await redirectUri(), client.callbackParams(request.url), {
      state,
      nonce: grant.nonce,
      code_verifier: grant.codeVerifier,
      response_type: "code",
    });
    claims = tokens.claims() as Record<string, unknown>;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return fail("exchange", { cause: refusalFromExchangeError(message), message: message.slice(0, 300) });
  }
  const checked = checkReauthClaims(claims, {
    issuer: config.issuer,
    subject: identity.subject,
    email: identity.email,
    requestedAt: grant.createdAt.getTime() / 1000,
    now: Date.now() / 1000,
  });
  if (!checked.ok) return fail(checked.reason);
  await prisma.reauthGrant.update({ where: { id: grant.id }, data: { confirmedAt: now, expiresAt: new Date(now.getTime() + GRANT_SECONDS * 1000) } });
  await recordAudit({ action: "auth.reauth.success", actorId: grant.userId, ip, detail: { purpose: grant.purpose } });
  return back(page, "ok");
}

type Tx = Parameters<Parameters<typeof prisma.$transaction>[0]>[0];

/**
 * Spends the session's confirmation for `purpose` inside the action's transaction; false when there is none. The
 * session id is read before the transaction (currentSessionId): a query outside it would wait for it on PGlite.
 */
export async function spendReauthGrant(tx: Tx, userId: string, sessionId: string | null, purpose: ReauthPurpose): Promise<boolean> {
  if (!sessionId) return false;
  const now = new Date();
  const grant = await tx.reauthGrant.findFirst({
    where: { userId, sessionId, purpose, confirmedAt: { not: null }, usedAt: null, expiresAt: { gt: now } },
    orderBy: { expiresAt: "asc" },
    select: { id: true },
  });
  if (!grant) return false;
  // Conditional on still being unspent: of two actions racing for one confirmation, one gets it.
  const spent = await tx.reauthGrant.updateMany({ where: { id: grant.id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
  return spent.count === 1;
}

/** Until when this session's confirmation for `purpose` is spendable, or null when there is none. */
export async function confirmedUntil(userId: string, purpose: ReauthPurpose): Promise<Date | null> {
  const sessionId = await currentSessionId();
  if (!sessionId) return null;
  const grant = await prisma.reauthGrant.findFirst({
    where: { userId, sessionId, purpose, confirmedAt: { not: null }, usedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { expiresAt: "desc" },
    select: { expiresAt: true },
  });
  return grant?.expiresAt ?? null;
}
