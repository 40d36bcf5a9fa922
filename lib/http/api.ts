import "server-only";
// The one place where /api/v1 requests are authenticated, parsed and turned into JSON responses.
// Handlers get a verified API user and throw domain errors; this maps them to { error: { code, message } }.
import { userFromBearer, userFromBearerForWrite, type WriteAuth } from "@/lib/auth/api-tokens";
import { LIMITS } from "@/lib/auth/rate-limit";
import { DomainError, Invalid, isBadInputDatabaseError, Unauthenticated } from "@/lib/errors";
import { requestLocale } from "@/lib/i18n/translate";
import { recordAudit } from "@/lib/audit/record";
import { apiTeam, requestedTeamSlug, type TeamAccess } from "@/lib/teams/access";
import { BODY_LIMIT_BYTES } from "./body-limit";
import { toResponse } from "./responses";

export { jsonError } from "./responses";

export { BODY_LIMIT_BYTES };

export interface ApiContext {
  request: Request;
  user: { id: string; email: string; name: string; locale: string | null };
  /** The team this request acts in: ?team=slug, the X-OpsMix-Team header, or the user's first team. */
  team: () => Promise<TeamAccess>;
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

type Handler<P> = (ctx: ApiContext, params: P) => Promise<Response>;

/** Wraps an /api/v1 handler: bearer auth, per-token rate limit on writes, error mapping, no stack traces. */
export function apiHandler<P = Record<string, never>>(handler: Handler<P>) {
  return async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    const locale = requestLocale(request.headers);
    let authedUserId: string | null = null;
    try {
      // Reads write nothing (a few seconds' cached answer may serve them); a write checks the token live, counts
      // against its rate limit, stamps it and reads the caller's membership in the requested team, all in one statement.
      const authorization = request.headers.get("authorization");
      const auth =
        request.method === "GET"
          ? await userFromBearer(authorization)
          : await userFromBearerForWrite(authorization, LIMITS.apiPerToken, requestedTeamSlug(request));
      if (!auth) throw new Unauthenticated();
      authedUserId = auth.user.id;
      const membership = "membership" in auth ? (auth as WriteAuth).membership : null;
      let team: Promise<TeamAccess> | undefined;
      const ctx: ApiContext = { request, user: auth.user, team: () => (team ??= apiTeam(request, auth.user.id, membership)) };
      return await handler(ctx, await context.params);
    } catch (error) {
      if (error instanceof DomainError && error.code === "forbidden" && request.method !== "GET" && authedUserId) {
        await recordAudit({ action: "access.denied", actorId: authedUserId, detail: { method: request.method, path: new URL(request.url).pathname } });
      }
      if (!(error instanceof DomainError) && !isBadInputDatabaseError(error)) console.error("api error", request.method, new URL(request.url).pathname);
      return toResponse(error, locale);
    }
  };
}
