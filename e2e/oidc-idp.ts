// A real OpenID Provider (the certified `oidc-provider` package) for the single sign-on tests, on 127.0.0.1 at
// E2E_PORT+1. Its development login form accepts any login: the login names the test identity, e.g.
// "lin@acme.test" (verified e-mail), "unverified:lin@acme.test" (email_verified false), "noemail:lin" (no e-mail).
// A test can make it misbehave once (misbehaveOnce): its next ID token names another issuer, is signed with another
// key, or has expired, as a broken or hostile IdP's would.
import { generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import type { Server } from "node:http";
import { E2E_BASE_URL, E2E_OIDC, E2E_PORT } from "./server-env";

export const IDP_PORT = E2E_PORT + 1;
/** The second app instance, run with OPSMIX_AUTH=sso-only by sso.spec.ts. */
export const SSO_ONLY_PORT = E2E_PORT + 2;

function claimsFor(login: string): Record<string, unknown> {
  const [flag, address] = login.includes(":") ? (login.split(":", 2) as [string, string]) : ["", login];
  const local = address.split("@")[0] ?? address;
  return {
    sub: login, // oidc-provider issues the account id as the subject
    ...(flag === "noemail" ? {} : { email: address, email_verified: flag !== "unverified" }),
    name: `SSO ${local}`,
    locale: "zh-CN",
  };
}

/** How the next ID token goes wrong; "off" puts the provider right again. */
export type Misbehaviour = "issuer" | "signature" | "expired" | "off";
const MISBEHAVE_PATH = "/__e2e/misbehave";
const SIGNING_KID = "e2e-signing-key";

/** Makes the provider's next token response carry a bad ID token (the switch resets itself after one response). */
export async function misbehaveOnce(mode: Misbehaviour): Promise<void> {
  const response = await fetch(`http://127.0.0.1:${IDP_PORT}${MISBEHAVE_PATH}?mode=${mode}`, { method: "POST" });
  if (response.status !== 204) throw new Error(`the test IdP refused the switch: ${response.status}`);
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

/** The ID token re-made the way `mode` breaks it, signed RS256 under the provider's own key id. */
function spoil(idToken: string, mode: Exclude<Misbehaviour, "off">, key: KeyObject, otherKey: KeyObject): string {
  const [header, payload] = idToken.split(".") as [string, string];
  const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Record<string, unknown>;
  const now = Math.floor(Date.now() / 1000);
  if (mode === "issuer") claims.iss = "http://127.0.0.1:9/another-issuer";
  if (mode === "expired") Object.assign(claims, { iat: now - 7200, exp: now - 3600 });
  const head = base64url({ ...(JSON.parse(Buffer.from(header, "base64url").toString("utf8")) as object), alg: "RS256", kid: SIGNING_KID });
  const body = base64url(claims);
  const signature = sign("sha256", Buffer.from(`${head}.${body}`), mode === "signature" ? otherKey : key).toString("base64url");
  return `${head}.${body}.${signature}`;
}

/** Starts the provider; resolves to a function that stops it. */
export async function startIdp(): Promise<() => Promise<void>> {
  // A variable specifier: the package ships no type declarations, and only its constructor is used.
  const specifier = "oidc-provider";
  type Context = { path: string; method: string; query: Record<string, string>; status: number; body: unknown };
  const { default: Provider } = (await import(specifier)) as {
    default: new (issuer: string, config: unknown) => { listen(port: number, host: string): Server; use(middleware: (ctx: Context, next: () => Promise<void>) => Promise<void>): void };
  };
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const { privateKey: otherKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const provider = new Provider(E2E_OIDC.issuer, {
    jwks: { keys: [{ ...privateKey.export({ format: "jwk" }), kid: SIGNING_KID, alg: "RS256", use: "sig" }] },
    clients: [
      {
        client_id: E2E_OIDC.clientId,
        client_secret: E2E_OIDC.clientSecret,
        grant_types: ["authorization_code"],
        response_types: ["code"],
        redirect_uris: [`${E2E_BASE_URL}/api/auth/callback/oidc`, `http://127.0.0.1:${SSO_ONLY_PORT}/api/auth/callback/oidc`],
      },
    ],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "locale"] },
    // Put the scope's claims into the ID token itself: OpsMix reads the identity from the ID token.
    conformIdTokenClaims: false,
    findAccount: async (_ctx: unknown, id: string) => ({ accountId: id, claims: async () => claimsFor(id) }),
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ["e2e-idp-cookie-key-not-for-production"] },
    pkce: { required: () => true },
  });
  let misbehaviour: Misbehaviour = "off";
  provider.use(async (ctx, next) => {
    if (ctx.path === MISBEHAVE_PATH && ctx.method === "POST") {
      misbehaviour = (["issuer", "signature", "expired"] as const).find((mode) => mode === ctx.query.mode) ?? "off";
      ctx.status = 204;
      return;
    }
    await next();
    const body = ctx.body as { id_token?: string } | undefined;
    if (ctx.path === "/token" && misbehaviour !== "off" && typeof body?.id_token === "string") {
      ctx.body = { ...body, id_token: spoil(body.id_token, misbehaviour, privateKey, otherKey) };
      misbehaviour = "off";
    }
  });
  const server = provider.listen(IDP_PORT, "127.0.0.1");
  await new Promise<void>((resolve, reject) => {
    server.once("listening", () => resolve());
    server.once("error", reject);
  });
  return () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
}
