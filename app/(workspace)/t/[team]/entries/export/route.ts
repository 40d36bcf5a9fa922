import { EXPORT_HEADER, exportRows, CSV_BOM, toCsv } from "@/lib/activities/csv";
import { listActivities, parseActivityFilters } from "@/lib/activities/queries";
import { teamRoute } from "@/lib/teams/context";

export const dynamic = "force-dynamic";

/**
 * CSV of the filtered view the viewer is looking at (their own entries unless they manage the team).
 * A bad filter or another team answers translated JSON (toResponse), like every route.
 */
export const GET = teamRoute(async ({ request, access }) => {
  const searchParams = new URL(request.url).searchParams;
  searchParams.delete("cursor");
  const filters = parseActivityFilters(searchParams);
  const chunks: string[] = [];
  let cursor: string | undefined;
  let first = true;
  do {
    const page = await listActivities(access, { ...filters, cursor, limit: 200 });
    const csv = toCsv(EXPORT_HEADER, exportRows(page.activities));
    chunks.push(first ? csv : csv.slice(csv.indexOf("\r\n") + 2));
    first = false;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  const body = CSV_BOM + chunks.filter(Boolean).join("\r\n") + "\r\n";
  const name = `opsmix-${access.slug}-${new Date().toISOString().slice(0, 10)}.csv`;
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "no-store",
    },
  });
});
