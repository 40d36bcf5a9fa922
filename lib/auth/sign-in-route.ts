import "server-only";
// The next-auth route, with sign-in throttling in front of it, answered with a real 429 and Retry-After (next-auth
// itself can only redirect) before any password is checked: every attempt counts against the caller's IP, failed
// ones also against the account.
import NextAuth from "next-auth";
import { recordAudit } from "@/lib/audit/record";
import { DomainError, RateLimited } from "@/lib/errors";
import { requestLocale, translate } from "@/lib/i18n/translate";
import { normaliseEmail } from "./email";
import { authOptions, RATE_LIMITED_ERROR } from "./options";
import { assertUnderRateLimit, clientIp, hitRateLimit, LIMITS } from "./rate-limit";

/** Sign-in and sign-out forms are tiny; anything bigger is not a browser talking to us. */
const AUTH_BODY_MAX_BYTES = 16_384;

type RouteContext = { params: Promise<{ nextauth: string[] }> };

const nextAuth = NextAuth(authOptions) as (request: Request, context: RouteContext) => Promise<Response>;

async function submittedEmail(request: Request): Promise<string> {
  const type = request.headers.get("content-type") ?? "";
  const text = await request.clone().text();
  if (Buffer.byteLength(text) > AUTH_BODY_MAX_BYTES) throw new DomainError("payload_too_large", "errors.payloadTooLarge");
  let value: unknown;
  if (type.includes("application/json")) {
    try {
      value = (JSON.parse(text) as { email?: unknown })?.email;
    } catch {
      value = "";
    }
  } else value = new URLSearchParams(text).get("email");
  return normaliseEmail(typeof value === "string" ? value : "");
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

export async function GET(request: Request, context: RouteContext): Promise<Response> {
  return nextAuth(request, context);
}

export async function POST(request: Request, context: RouteContext): Promise<Response> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  const locale = requestLocale(request.headers);
  if (declared > AUTH_BODY_MAX_BYTES) return json(413, { error: { code: "payload_too_large", message: translate(locale, "errors.payloadTooLarge") } });
  const { nextauth = [] } = await context.params;
  if (nextauth[0] === "callback" && nextauth[1] === "credentials") {
    const ip = clientIp(request.headers);
    let email = "";
    try {
      email = await submittedEmail(request);
      await hitRateLimit(`signin:ip:${ip}`, LIMITS.signInPerIp);
      if (email) await assertUnderRateLimit(`signin:acct:${email}`, LIMITS.signInPerAccount);
    } catch (error) {
      if (error instanceof RateLimited) {
        await recordAudit({ action: "auth.signin.throttled", detail: { email }, ip });
        const seconds = error.retryAfterSeconds;
        // `url` keeps next-auth's client contract: signIn() reads the error from it.
        return json(
          429,
          { url: `${new URL(request.url).origin}/signin?error=${RATE_LIMITED_ERROR}`, error: { code: "rate_limited", message: translate(locale, "errors.rateLimited", { seconds }) } },
          { "Retry-After": String(seconds) },
        );
      }
      if (error instanceof DomainError) return json(413, { error: { code: error.code, message: translate(locale, error.messageKey) } });
      throw error;
    }
    const response = await nextAuth(request, context);
    if (email && signInFailed(response)) {
      await hitRateLimit(`signin:acct:${email}`, LIMITS.signInPerAccount).catch((error) => {
        if (!(error instanceof RateLimited)) throw error;
      });
    }
    return response;
  }
  return nextAuth(request, context);
}

/** next-auth answers a failed credentials sign-in with 401 (fetch) or a redirect carrying ?error= (form post). */
function signInFailed(response: Response): boolean {
  return response.status === 401 || (response.headers.get("location") ?? "").includes("error=");
}
