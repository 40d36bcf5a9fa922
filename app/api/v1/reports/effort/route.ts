import { NextResponse } from "next/server";
import { apiHandler } from "@/lib/http/api";
import { effortReportFromParams } from "@/lib/reports/effort-report";

export const dynamic = "force-dynamic";

/** Effort for BI tools: ?from&to&groupBy=role,stage,member,week&member=. Members get only their own rows. */
export const GET = apiHandler(async ({ request, team }) => {
  const access = await team();
  const report = await effortReportFromParams(access, new URL(request.url).searchParams);
  return NextResponse.json(report, { headers: { "Cache-Control": "no-store" } });
});
