import { exportHeader, exportRows, CSV_BOM, toCsv } from "@/lib/activities/csv";
import { listActivities, parseActivityFilters } from "@/lib/activities/queries";
import { todayIn } from "@/lib/activities/rules";
import { teamRoute } from "@/lib/teams/context";

export const dynamic = "force-dynamic";

/**
 * CSV of the filtered view the viewer is looking at (their own entries unless they manage the team).
 * A bad filter or another team answers translated JSON (toResponse), like every route.
 */
export const GET = teamRoute(async ({ request, access, locale }) => {
  const searchParams = new URL(request.url).searchParams;
  searchParams.delete("cursor");
  const filters = parseActivityFilters(searchParams);
  // Headers and role/stage names in the viewer's UI language; the import reads either language back.
  const header = exportHeader(locale);
  const chunks: string[] = [];
  let cursor = filters.cursor;
  let first = true;
  do {
    const page = await listActivities(access, { ...filters, cursor, limit: 200 });
    const csv = toCsv(header, exportRows(page.activities, locale));
    chunks.push(first ? csv : csv.slice(csv.indexOf("\r\n") + 2));
    first = false;
    cursor = page.nextCursor ? parseActivityFilters({ cursor: page.nextCursor }).cursor : undefined;
  } while (cursor);
  const body = CSV_BOM + chunks.filter(Boolean).join("\r\n") + "\r\n";
  // The team's today, not UTC's: an export made at 07:30 in Shanghai is named for that day.
  const name = `opsmix-${access.slug}-${todayIn(access.timeZone)}.csv`;
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "no-store",
    },
  });
});
