// Transport limits only, never authorization (every action and handler checks the session itself; see
// e2e/security-matrix.spec.ts). Runs for server-action requests alone.
import { NextResponse, type NextRequest } from "next/server";

/** Next's default serverActions.bodySizeLimit (1 MB). */
const ACTION_BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * An oversized server-action body is refused here with 413: Next enforces the same limit but answers 500
 * (a TODO in next/dist/server/app-render/action-handler.js), which would look like an outage.
 */
export function proxy(request: NextRequest) {
  if (Number(request.headers.get("content-length") ?? "0") > ACTION_BODY_LIMIT_BYTES) {
    return NextResponse.json({ error: { code: "payload_too_large", message: "Request too large" } }, { status: 413, headers: { "Cache-Control": "no-store" } });
  }
  return NextResponse.next();
}

export const config = {
  matcher: [{ source: "/:path*", has: [{ type: "header", key: "next-action" }] }],
};
