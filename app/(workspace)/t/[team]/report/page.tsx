import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { ReportDraft } from "@/components/reports/report-draft";
import { ReportHeader } from "@/components/reports/report-header";
import { DomainError, NotFound } from "@/lib/errors";
import { translate } from "@/lib/i18n/translate";
import { canViewTeamReport } from "@/lib/reports/permissions";
import { parseWeeklyRequest, teamMemberNames, weeklyReport, type WeeklyReport, type WeeklyReportRequest } from "@/lib/reports/weekly";
import { renderReport, REPORT_FORMATS, type ReportFormat } from "@/lib/reports/weekly-text";
import { teamPageWithLocale } from "@/lib/teams/context";
import { canComment, canSeeComments } from "@/lib/teams/permissions";
import { ReportComments } from "@/components/comments/report-comments";
import { commentsOnReport } from "@/lib/comments/queries";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("rhythm.page.title"))("week") };
}

type Props = { params: Promise<{ team: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The weekly (or daily) report drafted from the viewer's entries, or for managers any member's or the team's. */
export default async function ReportPage({ params, searchParams }: Props) {
  const { team } = await params;
  const raw = await searchParams;
  const { viewer, access, locale } = await teamPageWithLocale(team);
  const query = new URLSearchParams();
  for (const name of ["week", "day", "member"]) if (typeof raw[name] === "string") query.set(name, raw[name]);
  // ?kind=day without a date: today's daily report.
  const wantsDay = raw.kind === "day" || raw.day !== undefined;
  const t = (key: string, values?: Record<string, string | number>) => translate(locale, key, values);
  // A bad week or day in the URL is said, and the current period shown instead.
  let request: WeeklyReportRequest;
  let error: string | null = null;
  try {
    request = parseWeeklyRequest(query);
    if (wantsDay && request.kind === "week") request = { ...request, kind: "day", period: null };
  } catch (caught) {
    if (!(caught instanceof DomainError)) throw caught;
    error = t(caught.messageKey, (caught.details ?? {}) as Record<string, string>);
    request = { kind: wantsDay ? "day" : "week", period: null, member: query.get("member") };
  }
  let report: WeeklyReport;
  try {
    report = await weeklyReport(access, request);
  } catch (caught) {
    if (caught instanceof NotFound) notFound();
    throw caught;
  }
  const canViewTeam = canViewTeamReport(access);
  const members = canViewTeam ? await teamMemberNames(access.teamId) : [];
  // A member's weekly report takes comments; the team's report and the daily one do not.
  const commentable = report.kind === "week" && report.member && canSeeComments(access, report.member.id) ? report.member : null;
  const comments = commentable ? await commentsOnReport(access.teamId, commentable.id, report.period) : [];
  const drafts = Object.fromEntries(REPORT_FORMATS.map((format) => [format, renderReport(report, t, format)])) as Record<ReportFormat, string>;
  return (
    <div className="space-y-6">
      <ReportHeader report={report} teamSlug={access.slug} members={members} canViewTeam={canViewTeam} t={t} />
      {error ? (
        <p className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900" data-testid="report-error">
          {error}
        </p>
      ) : null}
      {commentable ? (
        <ReportComments
          teamSlug={access.slug}
          comments={comments}
          member={commentable}
          week={report.period}
          viewerId={viewer.id}
          canComment={canComment(access)}
          timeZone={access.timeZone}
          t={t}
        />
      ) : null}
      <ReportDraft key={`${report.kind}:${report.period}:${report.member?.id ?? "team"}`} drafts={drafts} initialFormat={locale === "zh-CN" ? "feishu" : "markdown"} />
    </div>
  );
}
