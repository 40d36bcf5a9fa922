import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { EntriesTable } from "@/components/activities/entries-table";
import { EntryFilters } from "@/components/activities/entry-filters";
import { DrillBreadcrumb } from "@/components/dashboard/drill-breadcrumb";
import { countSuggestions } from "@/lib/activities/learning";
import { listActivities, parseActivityFilters } from "@/lib/activities/queries";
import { DomainError } from "@/lib/errors";
import { teamPage } from "@/lib/teams/context";
import { canComment, canSeeTeam } from "@/lib/teams/permissions";
import { commentsOnEntries } from "@/lib/comments/queries";
import { listTeamMembers } from "@/lib/teams/queries";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("entries"))("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export function toUrlParams(raw: Record<string, string | string[] | undefined>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value === "string" && value !== "") params.set(key, value);
  }
  return params;
}

export default async function EntriesPage({ params, searchParams }: { params: Promise<{ team: string }>; searchParams: SearchParams }) {
  const { team } = await params;
  const { viewer, access } = await teamPage(team, canSeeTeam);
  const t = await getTranslations();
  const urlParams = toUrlParams(await searchParams);
  let filters;
  let error: DomainError | null = null;
  try {
    filters = parseActivityFilters(urlParams);
  } catch (caught) {
    if (!(caught instanceof DomainError)) throw caught;
    error = caught;
    filters = {};
  }
  const [{ activities, nextCursor }, members, suggestions] = await Promise.all([
    listActivities(access, { ...filters, limit: filters.limit ?? 50 }),
    listTeamMembers(access),
    countSuggestions(access),
  ]);
  // Those who see the team's entries see every comment on them (canSeeComments).
  const byEntry = await commentsOnEntries(access.teamId, activities.map((activity) => activity.id));
  const base = `/t/${access.slug}/entries`;
  const exportParams = new URLSearchParams(urlParams);
  exportParams.delete("cursor");
  const nextParams = new URLSearchParams(urlParams);
  if (nextCursor) nextParams.set("cursor", nextCursor);
  return (
    <div className="space-y-4">
      <DrillBreadcrumb t={t} teamSlug={access.slug} params={urlParams} />
      <div className="flex items-center justify-between">
        <h1 className="text-xl font-semibold">{t("entries.title")}</h1>
        <Link href={`${base}/suggestions`} className="ml-auto mr-3 text-sm text-indigo-600 hover:underline" data-testid="suggestions-link">
          {t("learning.suggestions.link", { count: suggestions })}
        </Link>
        <a href={`${base}/export?${exportParams}`} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm" data-testid="export-csv">
          {t("entries.exportCsv")}
        </a>
      </div>
      <EntryFilters action={base} values={{ ...filters }} members={members} />
      {error ? <p className="text-sm text-red-600">{t(error.messageKey, error.details as Record<string, string>)}</p> : null}
      {activities.length === 0 ? (
        <p className="text-sm text-slate-500">{t("entries.noEntries")}</p>
      ) : (
        <EntriesTable teamSlug={access.slug} activities={activities}
          comments={{ byEntry, canComment: canComment(access), viewerId: viewer.id, timeZone: access.timeZone }}
        />
      )}
      <div className="flex gap-3 text-sm">
        {urlParams.get("cursor") ? (
          <Link href={`${base}?${(() => { const p = new URLSearchParams(urlParams); p.delete("cursor"); return p; })()}`} className="text-indigo-600 hover:underline">
            {t("entries.firstPage")}
          </Link>
        ) : null}
        {nextCursor ? (
          <Link href={`${base}?${nextParams}`} className="text-indigo-600 hover:underline">
            {t("entries.nextPage")}
          </Link>
        ) : null}
      </div>
    </div>
  );
}
