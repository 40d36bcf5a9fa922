import "server-only";
// GET /api/auth/callback/oidc: next-auth's OAuth callback, run inside a per-request store (./sso-outcome.ts) so a
// refused sign-in lands on /signin?error=sso_<reason> with a translated message and an audit row naming the reason.
// Re-authentications ("confirm with <OIDC_NAME>", ./reauth.ts) come back through the same URI.
import { recordAudit } from "@/lib/audit/record";
import { clientIp } from "./rate-limit";
import { isReauthState, reauthCallback } from "./reauth";
import { GET as nextAuthGet } from "./sign-in-route";
import { refusalFromExchangeError } from "./sso-claims";
import { SSO_PROVIDER_ID } from "./sso-config";
import { runSsoCallback, ssoCallbackOutcome } from "./sso-outcome";

export async function ssoCallback(request: Request): Promise<Response> {
  // The same redirect URI answers "confirm with <OIDC_NAME>" (./reauth.ts): only one URI for operators to register.
  if (isReauthState(new URL(request.url).searchParams.get("state"))) return reauthCallback(request);
  const ip = clientIp(request.headers);
  return runSsoCallback(ip, async () => {
    const response = await nextAuthGet(request, { params: Promise.resolve({ nextauth: ["callback", SSO_PROVIDER_ID] }) });
    const location = response.headers.get("location") ?? "";
    // Success, or a refusal the signIn callback already audited and pointed at the sign-in page.
    if (!/[?&]error=/.test(location) || /[?&]error=sso_/.test(location)) return response;
    const outcome = ssoCallbackOutcome();
    const idpError = new URL(request.url).searchParams.get("error");
    const reason = outcome.refusal ?? refusalFromExchangeError(idpError ?? "");
    await recordAudit({ action: "auth.sso.failure", ip, detail: { reason, message: outcome.message ?? idpError ?? null } });
    const headers = new Headers(response.headers);
    headers.set("location", `/signin?error=sso_${reason}`);
    return new Response(null, { status: 302, headers });
  });
}
