import "server-only";
// The daily reminder: on a working day at the team's time, everyone in the team who has not logged that day (and
// has not opted out, made the weekday quiet or snoozed the day) gets one e-mail in their language, and each chat
// channel gets one message naming them. Run by the jobs worker; idempotency keys make a re-run send nothing twice.
import { prisma } from "@/lib/db/client";
import { dateColumn } from "@/lib/activities/rules";
import { DEFAULT_LOCALE, isLocale, type Locale } from "@/lib/i18n/locales";
import { translate } from "@/lib/i18n/translate";
import type { ClaimedJob } from "@/lib/jobs/queue";
import type { JobOutcome } from "@/lib/jobs/worker";
import { escapeMarkdown } from "@/lib/reports/weekly-text";
import { isoWeekday, isWorkingDay } from "./calendar";
import { appUrl, sendPlanned, splitChannels, type Delivery, type OutboundMessage, type PlannedSend } from "./outbox";
import { getRhythmSchedule } from "./schedule-settings";
import { getTeamCalendar } from "./settings";

export interface Person {
  id: string;
  name: string;
  email: string;
  locale: Locale;
}

/** Comments about a member the reminder mentions (lib/comments; unread ones of the last two weeks). */
export type CommentsFor = (teamId: string, userId: string, since: Date) => Promise<{ author: { name: string }; text: string; seenAt: string | null }[]>;

const COMMENTS_LISTED = 3;

/** Who gets today's reminder: not logged on `day`, not opted out, not quiet on its weekday, not snoozed for it. */
export async function peopleToRemind(teamId: string, day: string): Promise<Person[]> {
  const weekday = isoWeekday(day);
  const [members, logged, preferences] = await Promise.all([
    prisma.membership.findMany({
      where: { teamId, user: { disabledAt: null } },
      orderBy: { createdAt: "asc" },
      select: { user: { select: { id: true, name: true, email: true, locale: true } } },
    }),
    prisma.activity.groupBy({ by: ["authorId"], where: { teamId, dateWorked: dateColumn(day), deletedAt: null } }),
    prisma.reminderPreference.findMany({ where: { teamId }, select: { userId: true, optedOut: true, quietDays: true, snoozedOn: true } }),
  ]);
  const hasLogged = new Set(logged.map((row) => row.authorId));
  const quiet = new Set(
    preferences
      .filter((p) => p.optedOut || p.quietDays.includes(weekday) || (p.snoozedOn !== null && p.snoozedOn.toISOString().slice(0, 10) === day))
      .map((p) => p.userId),
  );
  return members
    .map(({ user }) => ({ id: user.id, name: user.name, email: user.email, locale: isLocale(user.locale) ? user.locale : DEFAULT_LOCALE }))
    .filter((person) => !hasLogged.has(person.id) && !quiet.has(person.id));
}

/** One person's reminder, in their language. */
export function reminderMessage(locale: Locale, values: { name: string; team: string; day: string; slug: string; comments: { author: string; text: string }[] }): OutboundMessage {
  const t = (key: string, v: Record<string, string | number> = {}) => translate(locale, `reminders.reminder.${key}`, v);
  const link = appUrl(`/t/${values.slug}/today`);
  const title = t("title", { team: values.team });
  const lines = [t("greeting", { name: values.name }), "", t("body", { team: values.team, day: values.day }), "", t("link", { url: link })];
  const md = [t("greeting", { name: escapeMarkdown(values.name) }), "", t("body", { team: escapeMarkdown(values.team), day: values.day }), "", `[${t("linkLabel")}](${link})`];
  if (values.comments.length) {
    lines.push("", t("comments", { count: values.comments.length }));
    md.push("", `**${t("comments", { count: values.comments.length })}**`);
    for (const comment of values.comments) {
      lines.push(`- ${comment.author}: ${comment.text}`);
      md.push(`- ${escapeMarkdown(comment.author)}: ${escapeMarkdown(comment.text)}`);
    }
  }
  lines.push("", t("stop"));
  md.push("", `_${t("stop")}_`);
  return { title, text: lines.join("\n"), markdown: md.join("\n") };
}

/** The chat channel's message: one list of who has not logged yet. */
export function reminderChatMessage(locale: Locale, values: { team: string; day: string; slug: string; names: string[] }): OutboundMessage {
  const t = (key: string, v: Record<string, string | number> = {}) => translate(locale, `reminders.chat.${key}`, v);
  const list = values.names.join(t("separator"));
  const link = appUrl(`/t/${values.slug}/today`);
  const title = t("title", { team: values.team, day: values.day });
  const body = t("body", { count: values.names.length, names: list, day: values.day });
  return {
    title,
    text: `${title}\n${body}\n${t("link", { url: link })}`,
    markdown: `**${escapeMarkdown(title)}**\n\n${escapeMarkdown(body)}\n\n[${t("linkLabel")}](${link})`,
  };
}

/** The language a chat channel is written in: the one most of the team reads (the default on a tie). */
export function teamLocale(people: { locale: Locale }[]): Locale {
  const en = people.filter((p) => p.locale === "en").length;
  return en * 2 > people.length ? "en" : DEFAULT_LOCALE;
}

export async function runReminderJob(job: ClaimedJob, delivery: Delivery, commentsFor: CommentsFor | null, now: Date): Promise<JobOutcome> {
  const day = job.period;
  const [team, schedule, calendar] = await Promise.all([
    prisma.team.findUnique({ where: { id: job.teamId }, select: { name: true, slug: true, isDemo: true } }),
    getRhythmSchedule(job.teamId),
    getTeamCalendar(job.teamId),
  ]);
  // Settings may have changed since the job was enqueued: a reminder switched off or a day made a holiday sends nothing.
  if (!team || team.isDemo || !schedule.reminderEnabled) return { status: "done", result: { skipped: "off" } };
  if (!isWorkingDay(calendar, day)) return { status: "done", result: { skipped: "not a working day" } };
  const people = await peopleToRemind(job.teamId, day);
  if (people.length === 0) return { status: "done", result: { sent: 0, reminded: 0 } };
  const { email, chats } = splitChannels(await delivery.listChannels(job.teamId), { email: schedule.reminderEmail, chat: schedule.reminderChat });
  const sends: PlannedSend[] = [];
  if (email) {
    const since = new Date(now.getTime() - 14 * 86_400_000);
    for (const person of people) {
      const comments = commentsFor ? (await commentsFor(job.teamId, person.id, since)).filter((c) => c.seenAt === null).slice(-COMMENTS_LISTED) : [];
      sends.push({
        channelId: email.id,
        message: reminderMessage(person.locale, { name: person.name, team: team.name, day, slug: team.slug, comments: comments.map((c) => ({ author: c.author.name, text: c.text })) }),
        recipients: [{ userId: person.id, email: person.email, name: person.name, locale: person.locale }],
        idempotencyKey: `${job.key}:${person.id}`,
      });
    }
  }
  if (chats.length) {
    const message = reminderChatMessage(teamLocale(people), { team: team.name, day, slug: team.slug, names: people.map((p) => p.name) });
    for (const chat of chats) sends.push({ channelId: chat.id, message, idempotencyKey: `${job.key}:chat:${chat.id}` });
  }
  if (sends.length === 0) return { status: "done", result: { skipped: "no channel", reminded: people.length } };
  return sendPlanned(delivery, job.teamId, "reminder", sends, { reminded: people.length });
}
