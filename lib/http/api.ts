import "server-only";
// The one place where /api/v1 requests are authenticated, parsed and turned into JSON responses.
// Handlers get a verified API user and throw domain errors; this maps them to { error: { code, message } }.
import { NextResponse } from "next/server";
import { userFromBearer } from "@/lib/auth/api-tokens";
import { hitRateLimit, LIMITS } from "@/lib/auth/rate-limit";
import { DomainError, HTTP_STATUS, Invalid, isBadInputDatabaseError, NotFound, RateLimited, Unauthenticated, type ErrorCode } from "@/lib/errors";
import { requestLocale, translate } from "@/lib/i18n/translate";
import { prisma } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { requireTeamAccess, type TeamAccess } from "@/lib/teams/access";

export const BODY_LIMIT_BYTES = 1_000_000;

export interface ApiContext {
  request: Request;
  user: { id: string; email: string; name: string; locale: string | null };
  /** The team this request acts in: ?team=slug, the X-OpsMix-Team header, or the user's first team. */
  team: () => Promise<TeamAccess>;
}

export function jsonError(code: ErrorCode, message: string, extraHeaders: Record<string, string> = {}) {
  return NextResponse.json({ error: { code, message } }, { status: HTTP_STATUS[code], headers: { "Cache-Control": "no-store", ...extraHeaders } });
}

/** Reads at most `limit` bytes of the body; a bigger one is refused without buffering it (chunked bodies too). */
export async function readBodyBytes(request: Request, limit = BODY_LIMIT_BYTES): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) throw new DomainError("payload_too_large", "errors.payloadTooLarge");
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw new DomainError("payload_too_large", "errors.payloadTooLarge");
    }
    chunks.push(value);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

export async function readBodyText(request: Request, limit = BODY_LIMIT_BYTES): Promise<string> {
  return Buffer.from(await readBodyBytes(request, limit)).toString("utf8");
}

export async function readJsonBody(request: Request): Promise<unknown> {
  const text = await readBodyText(request);
  try {
    return JSON.parse(text);
  } catch {
    throw new Invalid("errors.invalidJson");
  }
}

async function resolveTeam(request: Request, userId: string): Promise<TeamAccess> {
  const url = new URL(request.url);
  const slug = url.searchParams.get("team") ?? request.headers.get("x-opsmix-team");
  const options = { auditDenial: request.method !== "GET" };
  if (slug) return requireTeamAccess(userId, slug, "member", options);
  const first = await prisma.membership.findFirst({ where: { userId }, orderBy: { createdAt: "asc" }, select: { team: { select: { slug: true } } } });
  if (!first) throw new NotFound();
  return requireTeamAccess(userId, first.team.slug, "member", options);
}

type Handler<P> = (ctx: ApiContext, params: P) => Promise<Response>;

/** Wraps an /api/v1 handler: bearer auth, per-token rate limit on writes, error mapping, no stack traces. */
export function apiHandler<P = Record<string, never>>(handler: Handler<P>) {
  return async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    const locale = requestLocale(request.headers);
    let authedUserId: string | null = null;
    try {
      const auth = await userFromBearer(request.headers.get("authorization"), { touch: request.method !== "GET" });
      if (!auth) throw new Unauthenticated();
      authedUserId = auth.user.id;
      if (request.method !== "GET") await hitRateLimit(`api:token:${auth.tokenId}`, LIMITS.apiPerToken);
      let team: Promise<TeamAccess> | undefined;
      const ctx: ApiContext = { request, user: auth.user, team: () => (team ??= resolveTeam(request, auth.user.id)) };
      return await handler(ctx, await context.params);
    } catch (error) {
      if (error instanceof RateLimited) {
        return jsonError("rate_limited", translate(locale, "errors.rateLimited", { seconds: error.retryAfterSeconds }), { "Retry-After": String(error.retryAfterSeconds) });
      }
      if (error instanceof DomainError) {
        if (error.code === "forbidden" && request.method !== "GET" && authedUserId) {
          await recordAudit({ action: "access.denied", actorId: authedUserId, detail: { method: request.method, path: new URL(request.url).pathname } });
        }
        const values: Record<string, string | number> = {};
        for (const [k, v] of Object.entries(error.details ?? {})) if (typeof v === "string" || typeof v === "number") values[k] = v;
        let message = translate(locale, error.messageKey, values);
        if (typeof values.index === "number") message = `${translate(locale, "errors.atItem", { n: values.index + 1 })} ${message}`;
        return jsonError(error.code, message, error.code === "unauthenticated" ? { "WWW-Authenticate": 'Bearer realm="opsmix"' } : {});
      }
      if (isBadInputDatabaseError(error)) return jsonError("invalid", translate(locale, "errors.invalid"));
      console.error("api error", request.method, new URL(request.url).pathname, error);
      return jsonError("unavailable", translate(locale, "errors.generic"), { "Retry-After": "1" });
    }
  };
}
