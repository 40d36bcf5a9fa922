import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { ROLE_COLORS, ROLE_ORDER, STAGE_COLORS, STAGE_ORDER } from "@/components/activities/colors";
import { EntriesTable } from "@/components/activities/entries-table";
import { listActivities, ownMixBetween } from "@/lib/activities/queries";
import { addDays, isIsoDate, todayIn } from "@/lib/activities/rules";
import { isRoleKey, isStageKey } from "@/lib/tagging/types";
import { isoWeekOf } from "@/lib/reports/iso-week";
import { DrillBreadcrumb } from "@/components/dashboard/drill-breadcrumb";
import { teamPage } from "@/lib/teams/context";
import { MyWeekComments } from "@/components/comments/my-week-comments";
import { commentsForMyWeek, commentsOnEntries } from "@/lib/comments/queries";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("week"))("title") };
}

function mondayOf(isoDate: string): string {
  const day = new Date(`${isoDate}T00:00:00Z`).getUTCDay();
  return addDays(isoDate, -((day + 6) % 7));
}

type WeekParams = { week?: string; review?: string; from?: string; to?: string; role?: string; stage?: string; via?: string; range?: string };

export default async function WeekPage({ params, searchParams }: { params: Promise<{ team: string }>; searchParams: Promise<WeekParams> }) {
  const { team } = await params;
  const raw = await searchParams;
  const { week, review, from, to, role, stage } = raw;
  const { viewer, access } = await teamPage(team);
  const t = await getTranslations();
  const today = todayIn(access.timeZone);
  const monday = mondayOf(typeof week === "string" && isIsoDate(week) ? week : today);
  const sunday = addDays(monday, 6);
  const needsReview = review === "1";
  // Drill-downs from the dashboard name a range and a role and/or stage; the list shows exactly those entries.
  const drill = {
    from: typeof from === "string" && isIsoDate(from) ? from : undefined,
    to: typeof to === "string" && isIsoDate(to) ? to : undefined,
    role: isRoleKey(role) ? role : undefined,
    stage: isStageKey(stage) ? stage : undefined,
  };
  const drilling = Boolean(drill.from || drill.to || drill.role || drill.stage);
  const [list, { byRole, byStage }] = await Promise.all([
    listActivities(
      access,
      drilling
        ? { member: viewer.id, from: drill.from ?? monday, to: drill.to ?? sunday, role: drill.role, stage: drill.stage, needsReview, limit: 200 }
        : { member: viewer.id, from: monday, to: sunday, needsReview, limit: 200 },
    ),
    ownMixBetween(access, monday, sunday),
  ]);
  // My week lists only the viewer's own entries, so every comment here is about the viewer.
  const [myComments, byEntry] = await Promise.all([
    commentsForMyWeek(access.teamId, viewer.id, isoWeekOf(monday), monday, sunday),
    commentsOnEntries(access.teamId, list.activities.map((activity) => activity.id)),
  ]);
  const total = byRole.reduce((sum, row) => sum + row._count._all, 0);
  const base = `/t/${access.slug}/week`;
  const bar = (key: string, count: number, minutes: number | null, label: string, hex: string) => (
    <li key={key} className="flex items-center gap-2 text-sm">
      <span className="w-24 shrink-0">{label}</span>
      {/* The bar takes what the row leaves over (at most 200 px), so a phone never scrolls sideways. */}
      <span className="min-w-0 max-w-[200px] flex-1" aria-hidden>
        <span className="block h-3 rounded" style={{ width: `${total ? Math.max(2, (count / total) * 100) : 0}%`, background: hex }} />
      </span>
      <span className="shrink-0 text-slate-600">
        {t("week.entriesCount", { count })}
        {minutes ? ` · ${t("week.minutesTotal", { minutes })}` : ""}
      </span>
    </li>
  );
  return (
    <div className="space-y-6">
      <DrillBreadcrumb
        t={t}
        teamSlug={access.slug}
        params={new URLSearchParams(Object.entries(raw).filter((pair): pair is [string, string] => typeof pair[1] === "string"))}
      />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-xl font-semibold">
          {t("week.title")} <span className="text-sm font-normal text-slate-500">{monday} – {sunday}</span>
        </h1>
        <nav className="flex gap-3 text-sm">
          <Link className="text-indigo-600 hover:underline" href={`${base}?week=${addDays(monday, -7)}`}>{t("week.previous")}</Link>
          <Link className="text-indigo-600 hover:underline" href={base}>{t("week.thisWeek")}</Link>
          <Link className="text-indigo-600 hover:underline" href={`${base}?week=${addDays(monday, 7)}`}>{t("week.next")}</Link>
          <Link className="text-indigo-600 hover:underline" href={`/t/${access.slug}/report?week=${isoWeekOf(monday)}`} data-testid="week-report-link">{t("rhythm.page.open")}</Link>
        </nav>
      </div>
      <MyWeekComments key={myComments.map((c) => c.id).join(",")} teamSlug={access.slug} comments={myComments} viewerId={viewer.id} timeZone={access.timeZone} />
      <section className="grid gap-4 md:grid-cols-2" aria-label={t("week.totals")}>
        <div className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 className="mb-2 text-sm font-medium">{t("week.byRole")}</h2>
          <ul className="space-y-1">
            {ROLE_ORDER.map((key) => {
              const row = byRole.find((r) => r.role === key);
              return row ? bar(key, row._count._all, row._sum.minutes, t(`taxonomy.roles.${key}`), ROLE_COLORS[key]!.hex) : null;
            })}
          </ul>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 className="mb-2 text-sm font-medium">{t("week.byStage")}</h2>
          <ul className="space-y-1">
            {STAGE_ORDER.map((key) => {
              const row = byStage.find((r) => r.stage === key);
              return row ? bar(key, row._count._all, row._sum.minutes, t(`taxonomy.stages.${key}`), STAGE_COLORS[key]!.hex) : null;
            })}
          </ul>
        </div>
      </section>
      <div className="flex gap-3 text-sm">
        <Link className={needsReview ? "text-indigo-600 hover:underline" : "font-medium"} href={`${base}?week=${monday}`}>{t("week.showAll")}</Link>
        <Link className={needsReview ? "font-medium" : "text-indigo-600 hover:underline"} href={`${base}?week=${monday}&review=1`}>{t("week.needsReviewOnly")}</Link>
      </div>
      {drilling ? (
        <p className="text-sm text-slate-600" data-testid="drill-filter">
          {drill.from ?? monday} – {drill.to ?? sunday}
          {drill.role ? ` · ${t(`taxonomy.roles.${drill.role}`)}` : ""}
          {drill.stage ? ` · ${t(`taxonomy.stages.${drill.stage}`)}` : ""}
        </p>
      ) : null}
      {list.activities.length === 0 ? (
        <p className="text-sm text-slate-500">{t("week.noEntries")}</p>
      ) : (
        <EntriesTable teamSlug={access.slug} activities={list.activities} bulk={false} showMember={false}
          comments={{ byEntry, canComment: false, viewerId: viewer.id, timeZone: access.timeZone }}
        />
      )}
    </div>
  );
}
