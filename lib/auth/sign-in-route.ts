import "server-only";
// The next-auth route, with sign-in throttling in front of it, answered with a real 429 and Retry-After (next-auth
// itself can only redirect) before any password is checked: every attempt counts against the caller's IP, failed
// ones also against the account.
import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { DomainError, RateLimited } from "@/lib/errors";
import { readBodyText } from "@/lib/http/api";
import { requestLocale, translate } from "@/lib/i18n/translate";
import { normaliseEmail } from "./email";
import { authOptions, RATE_LIMITED_ERROR } from "./options";
import { assertUnderRateLimit, auditThrottledAttempt, clientIp, hitRateLimit, LIMITS } from "./rate-limit";

/** Sign-in and sign-out forms are tiny; anything bigger is not a browser talking to us. */
const AUTH_BODY_MAX_BYTES = 16_384;

type RouteContext = { params: Promise<{ nextauth: string[] }> };

const nextAuth = NextAuth(authOptions) as (request: Request, context: RouteContext) => Promise<Response>;

/**
 * The submitted form, read at most AUTH_BODY_MAX_BYTES into memory (a chunked body too: reading stops at the limit)
 * and parsed the way next-auth parses it (a repeated field: the last one counts). Next-auth is then handed this
 * very body, re-encoded, so the address the limiter counts is always the one whose password is checked.
 */
async function submittedForm(request: Request): Promise<{ email: string; body: string }> {
  const type = request.headers.get("content-type") ?? "";
  const text = await readBodyText(request, AUTH_BODY_MAX_BYTES);
  let fields: Record<string, unknown> = {};
  let body = text;
  if (type.includes("application/json")) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === "object") fields = parsed as Record<string, unknown>;
    } catch {}
  } else {
    fields = Object.fromEntries(new URLSearchParams(text));
    body = new URLSearchParams(fields as Record<string, string>).toString();
  }
  return { email: normaliseEmail(typeof fields.email === "string" ? fields.email : ""), body };
}

/** The same request for next-auth, with the body already read (a body stream can be read only once). */
function withBody(request: Request, body: string): NextRequest {
  const headers = new Headers(request.headers);
  headers.delete("content-length");
  headers.delete("transfer-encoding");
  return new NextRequest(request.url, { method: request.method, headers, body });
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

export async function GET(request: Request, context: RouteContext): Promise<Response> {
  return nextAuth(request, context);
}

export async function POST(request: Request, context: RouteContext): Promise<Response> {
  const locale = requestLocale(request.headers);
  let form: { email: string; body: string };
  try {
    // Every next-auth POST (sign-in, sign-out, ...) is read through the bounded reader, never by next-auth itself.
    form = await submittedForm(request);
  } catch (error) {
    // The rest of an oversized body is never read: closing the connection stops the client sending it.
    if (error instanceof DomainError) return json(413, { error: { code: error.code, message: translate(locale, error.messageKey) } }, { Connection: "close" });
    throw error;
  }
  const forNextAuth = withBody(request, form.body);
  const { nextauth = [] } = await context.params;
  if (nextauth[0] !== "callback" || nextauth[1] !== "credentials") return nextAuth(forNextAuth, context);

  const ip = clientIp(request.headers);
  const { email } = form;
  try {
    await hitRateLimit(`signin:ip:${ip}`, LIMITS.signInPerIp);
    if (email) await assertUnderRateLimit(`signin:acct:${email}`, LIMITS.signInPerAccount);
  } catch (error) {
    if (!(error instanceof RateLimited)) throw error;
    await auditThrottledAttempt("auth.signin.throttled", ip, { email });
    const seconds = error.retryAfterSeconds;
    // `url` keeps next-auth's client contract: signIn() reads the error from it.
    return json(
      429,
      { url: `${new URL(request.url).origin}/signin?error=${RATE_LIMITED_ERROR}`, error: { code: "rate_limited", message: translate(locale, "errors.rateLimited", { seconds }) } },
      { "Retry-After": String(seconds) },
    );
  }
  const response = await nextAuth(forNextAuth, context);
  if (email && signInFailed(response)) {
    await hitRateLimit(`signin:acct:${email}`, LIMITS.signInPerAccount).catch((error) => {
      if (!(error instanceof RateLimited)) throw error;
    });
  }
  return response;
}

/** next-auth answers a failed credentials sign-in with 401 (fetch) or a redirect carrying ?error= (form post). */
function signInFailed(response: Response): boolean {
  return response.status === 401 || (response.headers.get("location") ?? "").includes("error=");
}
