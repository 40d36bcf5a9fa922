import { todayIn } from "@/lib/activities/rules";
import { getViewer } from "@/lib/auth/session";
import { DomainError, NotFound } from "@/lib/errors";
import { requestLocale } from "@/lib/i18n/translate";
import { membersCsv, overviewCsv } from "@/lib/reports/csv";
import { parseDashboardQuery } from "@/lib/reports/filters";
import { getMemberBoard } from "@/lib/reports/members";
import { getOverview } from "@/lib/reports/overview";
import { reportScope } from "@/lib/reports/permissions";
import { findTeamAccess } from "@/lib/teams/access";

export const dynamic = "force-dynamic";

/** CSV of the dashboard view the viewer is looking at (same filters, same scope rules as the page). */
export async function GET(request: Request, { params }: { params: Promise<{ team: string }> }) {
  const { team } = await params;
  const viewer = await getViewer();
  const access = viewer ? await findTeamAccess(viewer.id, team) : null;
  if (!viewer || !access) return new Response("Not found", { status: 404 });
  const search = new URL(request.url).searchParams;
  const locale = requestLocale(request.headers, viewer.locale);
  try {
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
  } catch (error) {
    if (error instanceof NotFound) return new Response("Not found", { status: 404 });
    if (error instanceof DomainError) return new Response("Bad filter", { status: 400 });
    throw error;
  }
}
