// The report page's title, period navigation, member choice (managers) and headline figures. Server-rendered.
import Link from "next/link";
import { MemberSelect } from "@/components/ui/member-select";
import { addDays } from "@/lib/activities/rules";
import { isoWeekOf } from "@/lib/reports/iso-week";
import type { WeeklyReport } from "@/lib/reports/weekly";
import { formatDuration, type Translate } from "@/lib/reports/weekly-text";

interface Props {
  report: WeeklyReport;
  teamSlug: string;
  members: { id: string; name: string }[];
  canViewTeam: boolean;
  t: Translate;
}

export function ReportHeader({ report, teamSlug, members, canViewTeam, t }: Props) {
  const base = `/t/${encodeURIComponent(teamSlug)}/report`;
  const memberId = report.member?.id ?? null;
  const href = (kind: "week" | "day", period: string | null) => {
    const params = new URLSearchParams();
    if (period) params.set(kind, period);
    else if (kind === "day") params.set("kind", "day");
    // Members only ever see their own report: their links need no member.
    if (memberId && canViewTeam) params.set("member", memberId);
    return `${base}?${params}`;
  };
  const step = report.kind === "week" ? 7 : 1;
  const periodAt = (days: number) => (report.kind === "week" ? isoWeekOf(addDays(report.from, days)) : addDays(report.from, days));
  const { totals } = report;
  const figure = (label: string, value: string | number, testId: string) => (
    <div className="rounded-lg border border-slate-200 bg-white p-3">
      <div className="text-xs text-slate-500">{label}</div>
      <div className="text-lg font-semibold" data-testid={testId}>
        {value}
      </div>
    </div>
  );
  const link = "text-indigo-600 hover:underline";
  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-xl font-semibold">
          {t(`rhythm.page.title.${report.kind}`)}{" "}
          <span className="text-sm font-normal text-slate-500">
            {report.member?.name ?? report.team.name} · {report.kind === "week" ? `${report.period} (${report.from} – ${report.to})` : report.period}
          </span>
        </h1>
        <nav className="flex flex-wrap gap-3 text-sm" aria-label={t("rhythm.page.kind")}>
          <Link className={report.kind === "week" ? "font-medium" : link} href={href("week", isoWeekOf(report.from))}>{t("rhythm.page.week")}</Link>
          <Link className={report.kind === "day" ? "font-medium" : link} href={href("day", report.kind === "day" ? report.period : report.from)}>{t("rhythm.page.day")}</Link>
          <span aria-hidden className="text-slate-300">|</span>
          <Link className={link} href={href(report.kind, periodAt(-step))}>{t("rhythm.page.previous")}</Link>
          <Link className={link} href={href(report.kind, null)}>{t("rhythm.page.current")}</Link>
          <Link className={link} href={href(report.kind, periodAt(step))}>{t("rhythm.page.next")}</Link>
        </nav>
      </div>
      {canViewTeam ? (
        <form method="get" action={base} className="flex flex-wrap items-end gap-2 text-sm">
          <input type="hidden" name={report.kind} value={report.period} />
          <MemberSelect
            label={t("rhythm.page.member")}
            allLabel={t("rhythm.page.wholeTeam")}
            members={members}
            value={memberId}
            labelClassName="flex flex-col gap-1 text-slate-600"
            className="rounded-md border border-slate-300 px-2 py-1 text-slate-900"
            testId="report-member"
          />
          <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1 hover:bg-slate-50">
            {t("dashboard.filters.apply")}
          </button>
        </form>
      ) : null}
      <section aria-label={t("rhythm.page.figures")} className="grid grid-cols-2 gap-3 md:grid-cols-5">
        {figure(t("rhythm.page.entries"), totals.count, "report-count")}
        {figure(t("rhythm.page.time"), totals.minutes > 0 ? formatDuration(t, totals.minutes) : "—", "report-minutes")}
        {figure(t("rhythm.page.days"), totals.activeDays, "report-days")}
        {report.member === null ? figure(t("rhythm.page.members"), `${totals.activeMembers} / ${report.members.length}`, "report-members") : null}
        {figure(t("rhythm.page.review"), totals.reviewCount, "report-review")}
      </section>
    </>
  );
}
