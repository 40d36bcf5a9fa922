import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { CalendarForm } from "@/components/rhythm/calendar-form";
import { CoverageGrid } from "@/components/rhythm/coverage-grid";
import { ScheduleForm } from "@/components/rhythm/schedule-form";
import { clockNow } from "@/lib/jobs/clock";
import { nextRuns, wallClock } from "@/lib/jobs/schedule";
import { canSetRhythmSchedule, getRhythmSchedule, recentJobs } from "@/lib/rhythm/schedule-settings";
import { canViewTeamCoverage, getCoverage } from "@/lib/rhythm/coverage";
import { canSetTeamCalendar } from "@/lib/rhythm/settings";
import { teamPage } from "@/lib/teams/context";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("rhythm.coverage"))("title") };
}

/** Logging coverage: the team's grid for managers, one's own row for members; managers set the working calendar. */
export default async function CoveragePage({ params }: { params: Promise<{ team: string }> }) {
  const { team } = await params;
  const { access } = await teamPage(team);
  const t = await getTranslations("rhythm.coverage");
  const coverage = await getCoverage(access);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-xl font-semibold">{canViewTeamCoverage(access) ? t("title") : t("titleOwn")}</h1>
        <Link className="text-sm text-indigo-600 hover:underline" href={`/t/${access.slug}/report`}>
          {t("toReport")}
        </Link>
      </div>
      <p className="text-sm text-slate-600">{t("intro", { from: coverage.from, today: coverage.today, zone: access.timeZone })}</p>
      <CoverageGrid coverage={coverage} />
      {canSetTeamCalendar(access) ? <CalendarForm teamSlug={access.slug} calendar={coverage.calendar} /> : null}
      {canSetRhythmSchedule(access) ? await scheduleSection(access, coverage.calendar) : null}
    </div>
  );
}

/** The reminder and digest schedule with its next runs (team time) and the latest runs. */
async function scheduleSection(access: Parameters<typeof getCoverage>[0], calendar: Parameters<typeof nextRuns>[1]) {
  const [schedule, runs, now] = await Promise.all([getRhythmSchedule(access.teamId), recentJobs(access), clockNow()]);
  const next = nextRuns(schedule, calendar, access.timeZone, now);
  const local = (at: Date | null) => {
    if (!at) return null;
    const { date, minutes } = wallClock(access.timeZone, at);
    return `${date} ${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
  };
  return <ScheduleForm teamSlug={access.slug} zone={access.timeZone} schedule={schedule} next={{ reminder: local(next.reminder), digest: local(next.digest) }} runs={runs} />;
}
