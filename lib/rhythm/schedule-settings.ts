import "server-only";
// A team's reminder and digest schedule (RhythmSchedule; no row: both off). Managers and admins set it; the job
// scheduler (lib/rhythm/jobs.ts) reads it for every team each tick.
import { prisma } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { Forbidden, Invalid } from "@/lib/errors";
import { isTimeOfDay, type RhythmScheduleSettings } from "@/lib/jobs/schedule";
import { hasTeamRole, type TeamAccess } from "@/lib/teams/access";

export interface RhythmSchedule extends RhythmScheduleSettings {
  reminderEmail: boolean;
  reminderChat: boolean;
  digestEmail: boolean;
  digestChat: boolean;
}

export const DEFAULT_SCHEDULE: RhythmSchedule = {
  reminderEnabled: false,
  reminderTime: "17:30",
  reminderEmail: true,
  reminderChat: true,
  digestEnabled: false,
  digestWeekday: 1,
  digestTime: "09:00",
  digestEmail: true,
  digestChat: true,
};

const SELECT = {
  reminderEnabled: true,
  reminderTime: true,
  reminderEmail: true,
  reminderChat: true,
  digestEnabled: true,
  digestWeekday: true,
  digestTime: true,
  digestEmail: true,
  digestChat: true,
} as const;

export function canSetRhythmSchedule(access: TeamAccess): boolean {
  return hasTeamRole(access, "manager");
}

export async function getRhythmSchedule(teamId: string): Promise<RhythmSchedule> {
  return (await prisma.rhythmSchedule.findUnique({ where: { teamId }, select: SELECT })) ?? DEFAULT_SCHEDULE;
}

/** The schedule from the settings form (checkboxes present = on). Bad times or weekdays are an Invalid naming the field. */
export function parseScheduleInput(field: (name: string) => string): RhythmSchedule {
  const on = (name: string) => field(name) === "on" || field(name) === "1" || field(name) === "true";
  const time = (name: string, fallback: string) => {
    const value = field(name).trim() || fallback;
    if (!isTimeOfDay(value)) throw new Invalid("reminders.errors.timeInvalid", { value: value.slice(0, 20) });
    return value;
  };
  const weekdayText = field("digestWeekday").trim() || "1";
  const digestWeekday = Number(weekdayText);
  if (!Number.isInteger(digestWeekday) || digestWeekday < 1 || digestWeekday > 7) throw new Invalid("reminders.errors.weekdayInvalid");
  const schedule: RhythmSchedule = {
    reminderEnabled: on("reminderEnabled"),
    reminderTime: time("reminderTime", DEFAULT_SCHEDULE.reminderTime),
    reminderEmail: on("reminderEmail"),
    reminderChat: on("reminderChat"),
    digestEnabled: on("digestEnabled"),
    digestWeekday,
    digestTime: time("digestTime", DEFAULT_SCHEDULE.digestTime),
    digestEmail: on("digestEmail"),
    digestChat: on("digestChat"),
  };
  if (schedule.reminderEnabled && !schedule.reminderEmail && !schedule.reminderChat) throw new Invalid("reminders.errors.noReminderWay");
  if (schedule.digestEnabled && !schedule.digestEmail && !schedule.digestChat) throw new Invalid("reminders.errors.noDigestWay");
  return schedule;
}

export async function setRhythmSchedule(access: TeamAccess, schedule: RhythmSchedule): Promise<void> {
  if (!canSetRhythmSchedule(access)) throw new Forbidden();
  await prisma.rhythmSchedule.upsert({ where: { teamId: access.teamId }, create: { teamId: access.teamId, ...schedule }, update: schedule });
  await recordAudit({ action: "rhythm.schedule.set", teamId: access.teamId, actorId: access.userId, targetType: "rhythmSchedule", targetId: access.teamId, detail: { ...schedule } });
}

/** The last scheduled runs of the team (newest first), for the settings page: what went out, what failed and why. */
export async function recentJobs(access: TeamAccess, take = 10) {
  if (!canSetRhythmSchedule(access)) return [];
  const rows = await prisma.job.findMany({
    where: { teamId: access.teamId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: { id: true, kind: true, period: true, status: true, attempts: true, lastError: true, runAt: true, finishedAt: true, result: true },
  });
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    period: row.period,
    status: row.status,
    attempts: row.attempts,
    lastError: row.lastError,
    runAt: row.runAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    sent: typeof row.result === "object" && row.result !== null && "sent" in row.result ? Number((row.result as { sent: unknown }).sent) || 0 : 0,
  }));
}
