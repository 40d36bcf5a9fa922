import { NextResponse } from "next/server";
import { OPENAPI_DOCUMENT } from "@/lib/http/openapi";

export const dynamic = "force-static";

/** Public: the API's description holds no team data. */
export function GET() {
  return NextResponse.json(OPENAPI_DOCUMENT);
}
