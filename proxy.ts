// Transport checks for server-action requests, never authorization (every action and handler checks the session
// itself; see e2e/security-matrix.spec.ts). Next refuses each case below itself, but with a 500, which looks like
// an outage and is logged as one; here they get the 4xx they are.
import { NextResponse, type NextRequest } from "next/server";

/** Next's default serverActions.bodySizeLimit (1 MB). */
const ACTION_BODY_LIMIT_BYTES = 1024 * 1024;

function refuse(status: 400 | 403 | 413, code: string, message: string) {
  return NextResponse.json({ error: { code, message } }, { status, headers: { "Cache-Control": "no-store" } });
}

// In a text body React writes every value inline; the only "$" references it can contain are these (escaped "$$",
// special numbers, dates, bigints, temporary references, an empty FormData). Any other would point at a part a
// text body does not have, and Next's decoder waits for it, then fails with a 500.
const INLINE_REFERENCE = /^\$(\$|undefined$|NaN$|Infinity$|-Infinity$|-0$|D|n|T|K)/;

function onlyInlineReferences(value: unknown, depth = 0): boolean {
  if (depth > 64) return false;
  if (typeof value === "string") return !value.startsWith("$") || INLINE_REFERENCE.test(value);
  if (Array.isArray(value)) return value.every((item) => onlyInlineReferences(item, depth + 1));
  if (value !== null && typeof value === "object") return Object.values(value).every((item) => onlyInlineReferences(item, depth + 1));
  return true;
}

/** React sends an action's arguments as a JSON array, as text or as the "0" field of a multipart body. */
async function argumentsAreWellFormed(request: NextRequest): Promise<boolean> {
  try {
    if ((request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) {
      const root = (await request.clone().formData()).get("0");
      return root === null || (typeof root === "string" && Array.isArray(JSON.parse(root)));
    }
    const args: unknown = JSON.parse(await request.clone().text());
    return Array.isArray(args) && onlyInlineReferences(args);
  } catch {
    return false;
  }
}

/** Next's own CSRF rule for actions (Origin must name this host), which it also enforces, but with a 500. */
function sameOrigin(request: NextRequest): boolean {
  const origin = request.headers.get("origin");
  if (!origin) return true;
  try {
    return new URL(origin).host === (request.headers.get("x-forwarded-host") ?? request.headers.get("host"));
  } catch {
    return false;
  }
}

export async function proxy(request: NextRequest) {
  if (!sameOrigin(request)) return refuse(403, "forbidden", "Cross-site request refused");
  // Over the limit: Next stops reading and answers 500 (a TODO in next/dist/server/app-render/action-handler.js).
  if (Number(request.headers.get("content-length") ?? "0") > ACTION_BODY_LIMIT_BYTES) return refuse(413, "payload_too_large", "Request too large");
  // Not an argument list (no browser sends one): Next's decoder throws, also as a 500.
  if (request.method === "POST" && !(await argumentsAreWellFormed(request))) return refuse(400, "invalid", "Malformed request");
  return NextResponse.next();
}

export const config = {
  matcher: [{ source: "/:path*", has: [{ type: "header", key: "next-action" }] }],
};
