import { todayIn } from "@/lib/activities/rules";
import { membersCsv, overviewCsv } from "@/lib/reports/csv";
import { parseDashboardQuery } from "@/lib/reports/filters";
import { getMemberBoard } from "@/lib/reports/members";
import { getOverview } from "@/lib/reports/overview";
import { reportScope } from "@/lib/reports/permissions";
import { teamRoute } from "@/lib/teams/context";

export const dynamic = "force-dynamic";

/**
 * CSV of the dashboard view the viewer is looking at (same filters, same scope rules as the page).
 * A bad filter, another member's view or another team answers translated JSON (toResponse), like every route.
 */
export const GET = teamRoute(async ({ request, access, locale }) => {
  const search = new URL(request.url).searchParams;
  const query = parseDashboardQuery(search, todayIn(access.timeZone));
  const scope = await reportScope(access, query.member);
  const sheet = search.get("sheet") === "members" ? "members" : "overview";
  const body =
    sheet === "members"
      ? membersCsv(await getMemberBoard(scope, query.range, query.measure), query.range, query.measure, locale)
      : overviewCsv(await getOverview(scope, query.range, query.measure), query.trendBy, locale);
  const name = `opsmix-${access.slug}-${sheet}-${query.range.from}_${query.range.to}.csv`;
  return new Response(body, {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${name}"`, "Cache-Control": "no-store" },
  });
});
