import "server-only";
// The managers' weekly digest: last week's mix (the team weekly report's figures), who logged on how many working
// days, the gaps (empty funnel stages, target-mix shortfalls), suggested corrections waiting and the week's comments,
// sent to managers and admins by e-mail in each one's language and to the team's chat channels.
import { prisma } from "@/lib/db/client";
import { dateColumn, isoFromDateColumn } from "@/lib/activities/rules";
import { countSuggestions } from "@/lib/activities/learning";
import { DEFAULT_LOCALE, isLocale, type Locale } from "@/lib/i18n/locales";
import { translate } from "@/lib/i18n/translate";
import type { ClaimedJob } from "@/lib/jobs/queue";
import type { JobOutcome } from "@/lib/jobs/worker";
import { isoWeekRange } from "@/lib/reports/iso-week";
import { weeklyReport, type WeeklyReport } from "@/lib/reports/weekly";
import { counted, escapeMarkdown, formatDuration, type Translate } from "@/lib/reports/weekly-text";
import type { TeamAccess } from "@/lib/teams/access";
import { workingDaysBetween } from "./calendar";
import { appUrl, sendPlanned, splitChannels, type Delivery, type OutboundMessage, type PlannedSend } from "./outbox";
import { teamLocale } from "./reminder-job";
import { getRhythmSchedule } from "./schedule-settings";
import { getTeamCalendar } from "./settings";

/** Comments written in the team since a date (lib/comments commentsForDigest). */
export type DigestComments = (teamId: string, since: Date) => Promise<{ author: { name: string }; member: { name: string }; text: string }[]>;

export const COVERAGE_LISTED = 30;
export const COMMENTS_LISTED = 10;

export interface DigestData {
  report: WeeklyReport;
  slug: string;
  workingDays: number;
  /** Members with fewer logged working days than there were, fewest first. */
  coverage: { name: string; days: number }[];
  /** Members who logged every working day. */
  complete: number;
  suggestions: number;
  comments: { author: string; member: string; text: string }[];
}

/** Everything the digest says about one team's week (the same for every reader; only the language differs). */
export async function digestData(access: TeamAccess, week: string, comments: DigestComments | null, now: Date): Promise<DigestData> {
  const { from, to } = isoWeekRange(week);
  const [report, calendar, days, suggestions, commentRows] = await Promise.all([
    weeklyReport(access, { kind: "week", period: week, member: null }, now),
    getTeamCalendar(access.teamId),
    prisma.activity.groupBy({ by: ["authorId", "dateWorked"], where: { teamId: access.teamId, deletedAt: null, dateWorked: { gte: dateColumn(from), lte: dateColumn(to) } } }),
    countSuggestions(access),
    comments ? comments(access.teamId, dateColumn(from)) : Promise.resolve([]),
  ]);
  const working = new Set(workingDaysBetween(calendar, from, to));
  const logged = new Map<string, number>();
  for (const row of days) if (working.has(isoFromDateColumn(row.dateWorked))) logged.set(row.authorId, (logged.get(row.authorId) ?? 0) + 1);
  const all = report.members.map((m) => ({ name: m.name, days: logged.get(m.id) ?? 0 }));
  const short = all.filter((m) => m.days < working.size).sort((a, b) => a.days - b.days || a.name.localeCompare(b.name));
  return {
    report,
    slug: access.slug,
    workingDays: working.size,
    coverage: short,
    complete: all.length - short.length,
    suggestions,
    comments: commentRows.slice(-COMMENTS_LISTED).map((c) => ({ author: c.author.name, member: c.member.name, text: c.text.replace(/\s+/g, " ").slice(0, 200) })),
  };
}

function share(part: number, whole: number): string {
  return whole > 0 ? `${Math.round((part / whole) * 100)}%` : "0%";
}

/** The digest in one language: plain text and Markdown with the same lines. */
export function digestMessage(data: DigestData, locale: Locale): OutboundMessage {
  const t: Translate = (key, values) => translate(locale, key, values);
  const d = (key: string, values?: Record<string, string | number>) => t(`reminders.digest.${key}`, values);
  const { report } = data;
  const title = d("title", { team: report.team.name, week: report.period, from: report.from, to: report.to });
  const sections: { heading: string; lines: string[] }[] = [];
  const totals = report.totals;
  const headline = [t("rhythm.report.headline.entries", { entries: counted(t, "rhythm.report.entries", totals.count), days: counted(t, "rhythm.report.days", totals.activeDays) })];
  if (totals.minutes > 0) headline.push(t("rhythm.report.headline.time", { time: formatDuration(t, totals.minutes), timed: totals.timedCount }));
  headline.push(t("rhythm.report.headline.members", { active: totals.activeMembers, all: report.members.length }));
  sections.push({ heading: d("summary"), lines: headline });
  const roles = report.roles.filter((g) => g.role).map((g) => d("mixItem", { name: t(`taxonomy.roles.${g.role}`), share: share(g.count, totals.count), count: g.count }));
  const stageCounts = new Map<string, number>();
  for (const group of report.roles) for (const stage of group.stages) if (stage.stage) stageCounts.set(stage.stage, (stageCounts.get(stage.stage) ?? 0) + stage.count);
  const stages = [...stageCounts].map(([stage, count]) => d("mixItem", { name: t(`taxonomy.stages.${stage}`), share: share(count, totals.count), count }));
  if (totals.count > 0) sections.push({ heading: d("mix"), lines: [d("roles", { items: roles.join(d("separator")) }), d("stages", { items: stages.join(d("separator")) })] });
  const gaps = [
    ...report.emptyStages.map((stage) => t("rhythm.report.emptyStage.week", { stage: t(`taxonomy.stages.${stage}`) })),
    ...report.gaps.map((gap) =>
      t("rhythm.report.gap", { name: t(`taxonomy.${gap.dimension === "role" ? "roles" : "stages"}.${gap.key}`), target: `${Math.round(gap.target * 100)}%`, actual: `${Math.round(gap.actual * 100)}%` }),
    ),
  ];
  if (gaps.length) sections.push({ heading: d("gaps"), lines: gaps });
  const coverage = data.coverage.slice(0, COVERAGE_LISTED).map((m) => d("coverageItem", { name: m.name, days: m.days, of: data.workingDays }));
  if (data.coverage.length > COVERAGE_LISTED) coverage.push(d("coverageMore", { count: data.coverage.length - COVERAGE_LISTED }));
  coverage.push(d("coverageComplete", { count: data.complete, of: data.workingDays }));
  sections.push({ heading: d("coverage", { days: data.workingDays }), lines: coverage });
  const waiting: string[] = [];
  if (data.suggestions > 0) waiting.push(d("suggestions", { count: data.suggestions, url: appUrl(`/t/${data.slug}/entries/suggestions`) }));
  if (totals.reviewCount > 0) waiting.push(d("review", { count: totals.reviewCount }));
  if (waiting.length) sections.push({ heading: d("waiting"), lines: waiting });
  if (data.comments.length) sections.push({ heading: d("comments"), lines: data.comments.map((c) => d("commentItem", { author: c.author, member: c.member, text: c.text })) });
  const link = appUrl(`/t/${data.slug}/report?week=${report.period}`);
  const text = [title, ...sections.flatMap((s) => ["", s.heading, ...s.lines.map((l) => `- ${l}`)]), "", d("link", { url: link })].join("\n");
  const markdown = [
    `**${escapeMarkdown(title)}**`,
    ...sections.flatMap((s) => ["", `**${escapeMarkdown(s.heading)}**`, ...s.lines.map((l) => `- ${escapeMarkdown(l)}`)]),
    "",
    `[${d("linkLabel")}](${link})`,
  ].join("\n");
  return { title, text, markdown };
}

export async function runDigestJob(job: ClaimedJob, delivery: Delivery, comments: DigestComments | null, now: Date): Promise<JobOutcome> {
  const [team, schedule] = await Promise.all([
    prisma.team.findUnique({ where: { id: job.teamId }, select: { name: true, slug: true, timeZone: true, isDemo: true } }),
    getRhythmSchedule(job.teamId),
  ]);
  if (!team || team.isDemo || !schedule.digestEnabled) return { status: "done", result: { skipped: "off" } };
  const managers = await prisma.membership.findMany({
    where: { teamId: job.teamId, role: { in: ["manager", "admin"] }, user: { disabledAt: null } },
    orderBy: { createdAt: "asc" },
    select: { role: true, user: { select: { id: true, name: true, email: true, locale: true } } },
  });
  if (managers.length === 0) return { status: "done", result: { skipped: "no managers" } };
  const { email, chats } = splitChannels(await delivery.listChannels(job.teamId), { email: schedule.digestEmail, chat: schedule.digestChat });
  if (!email && chats.length === 0) return { status: "done", result: { skipped: "no channel" } };
  const reader = managers[0]!;
  const access: TeamAccess = { teamId: job.teamId, slug: team.slug, name: team.name, timeZone: team.timeZone, role: reader.role, userId: reader.user.id };
  const data = await digestData(access, job.period, comments, now);
  const people = managers.map(({ user }) => ({ ...user, locale: isLocale(user.locale) ? user.locale : DEFAULT_LOCALE }));
  const messages = new Map<Locale, OutboundMessage>();
  const inLocale = (locale: Locale) => messages.get(locale) ?? messages.set(locale, digestMessage(data, locale)).get(locale)!;
  const sends: PlannedSend[] = [];
  if (email) {
    for (const person of people) {
      sends.push({
        channelId: email.id,
        message: inLocale(person.locale),
        recipients: [{ userId: person.id, email: person.email, name: person.name, locale: person.locale }],
        idempotencyKey: `${job.key}:${person.id}`,
      });
    }
  }
  // A comment is feedback to one member (canReadComments): managers read it by e-mail, the team's chat never does.
  const chatMessage = chats.length ? digestMessage({ ...data, comments: [] }, teamLocale(people)) : null;
  for (const chat of chats) sends.push({ channelId: chat.id, message: chatMessage!, idempotencyKey: `${job.key}:chat:${chat.id}` });
  return sendPlanned(delivery, job.teamId, "digest", sends, { managers: people.length });
}
