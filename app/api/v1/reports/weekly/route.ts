import { NextResponse } from "next/server";
import { apiHandler } from "@/lib/http/api";
import { requestLocale, translate } from "@/lib/i18n/translate";
import { renderReport } from "@/lib/reports/weekly-text";
import { weeklyReportFromParams } from "@/lib/reports/weekly";

export const dynamic = "force-dynamic";

/**
 * The weekly report drafted from tagged entries: ?week=YYYY-Www (default this week) or ?day=YYYY-MM-DD for the daily
 * version, &member=id or email (members: only themselves), &format=plain|markdown|feishu|dingtalk|wecom for `text`.
 */
export const GET = apiHandler(async ({ request, user, team }) => {
  const access = await team();
  const { format, ...report } = await weeklyReportFromParams(access, new URL(request.url).searchParams);
  const locale = requestLocale(request.headers, user.locale);
  const text = renderReport(report, (key, values) => translate(locale, key, values), format);
  return NextResponse.json({ ...report, locale, format, text }, { headers: { "Cache-Control": "no-store" } });
});
