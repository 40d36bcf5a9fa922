// A real OpenID Provider (the certified `oidc-provider` package) for the single sign-on tests, on 127.0.0.1 at
// E2E_PORT+1. Its development login form accepts any login: the login names the test identity, e.g.
// "lin@acme.test" (verified e-mail), "unverified:lin@acme.test" (email_verified false), "noemail:lin" (no e-mail).
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

/** Starts the provider; resolves to a function that stops it. */
export async function startIdp(): Promise<() => Promise<void>> {
  // A variable specifier: the package ships no type declarations, and only its constructor is used.
  const specifier = "oidc-provider";
  const { default: Provider } = (await import(specifier)) as { default: new (issuer: string, config: unknown) => { listen(port: number, host: string): Server } };
  const provider = new Provider(E2E_OIDC.issuer, {
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
