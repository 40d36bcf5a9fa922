import "server-only";
// A member's own reminder settings in a team: opt out, quiet weekdays, and "not today" (snooze for one team-time day).
// Each person changes only their own; the reminder job reads everyone's.
import { prisma } from "@/lib/db/client";
import { dateColumn, isoFromDateColumn, todayIn } from "@/lib/activities/rules";
import { Invalid } from "@/lib/errors";
import { clockNow } from "@/lib/jobs/clock";
import type { TeamAccess } from "@/lib/teams/access";

export interface ReminderPreferenceView {
  optedOut: boolean;
  quietDays: number[];
  /** The team-time date reminders are snoozed for, if any. */
  snoozedOn: string | null;
}

export const NO_PREFERENCE: ReminderPreferenceView = { optedOut: false, quietDays: [], snoozedOn: null };

export async function getReminderPreference(access: TeamAccess): Promise<ReminderPreferenceView> {
  const row = await prisma.reminderPreference.findUnique({
    where: { teamId_userId: { teamId: access.teamId, userId: access.userId } },
    select: { optedOut: true, quietDays: true, snoozedOn: true },
  });
  return row ? { optedOut: row.optedOut, quietDays: [...row.quietDays].sort(), snoozedOn: row.snoozedOn ? isoFromDateColumn(row.snoozedOn) : null } : NO_PREFERENCE;
}

/** Quiet weekdays from the form's checkboxes ("1"…"7"). */
export function parseQuietDays(values: readonly string[]): number[] {
  const days = [...new Set(values.map(Number))].sort((a, b) => a - b);
  if (days.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) throw new Invalid("reminders.errors.weekdayInvalid");
  return days;
}

export async function setReminderPreference(access: TeamAccess, preference: { optedOut: boolean; quietDays: number[] }): Promise<void> {
  const key = { teamId: access.teamId, userId: access.userId };
  await prisma.reminderPreference.upsert({ where: { teamId_userId: key }, create: { ...key, ...preference }, update: preference });
}

/** The team-time date reminders go by (the scheduled-work clock, so tests with a moved clock agree with the jobs). */
export async function reminderToday(access: Pick<TeamAccess, "timeZone">): Promise<string> {
  return todayIn(access.timeZone, await clockNow());
}

/** "Not today": no reminder for the rest of the team's day (snooze = false lifts it). Returns the day. */
export async function snoozeToday(access: TeamAccess, snooze: boolean): Promise<string> {
  const today = await reminderToday(access);
  const key = { teamId: access.teamId, userId: access.userId };
  const snoozedOn = snooze ? dateColumn(today) : null;
  await prisma.reminderPreference.upsert({ where: { teamId_userId: key }, create: { ...key, snoozedOn }, update: { snoozedOn } });
  return today;
}

/** Whether the person has an entry on the team-time date (My day shows "snooze" only before the first). */
export async function hasLoggedOn(access: TeamAccess, day: string): Promise<boolean> {
  const found = await prisma.activity.findFirst({ where: { teamId: access.teamId, authorId: access.userId, dateWorked: dateColumn(day), deletedAt: null }, select: { id: true } });
  return found !== null;
}
