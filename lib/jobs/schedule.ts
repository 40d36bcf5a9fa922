// When a team's reminder and digest are due, from its schedule, its working calendar and its time zone. Pure: the
// scheduler, the settings page ("next reminder …") and the tests share it. Times are wall-clock HH:MM in the team's
// zone; a zone's daylight-saving jumps are followed through Intl (a time that does not exist that day runs an hour later).
import { addDays } from "@/lib/activities/rules";
import { isoWeekday, isWorkingDay, type TeamCalendar } from "@/lib/rhythm/calendar";
import { isoWeekOf } from "@/lib/reports/iso-week";

export interface RhythmScheduleSettings {
  reminderEnabled: boolean;
  reminderTime: string;
  digestEnabled: boolean;
  digestWeekday: number;
  digestTime: string;
}

export type JobKind = "reminder" | "digest";

export interface DueJob {
  kind: JobKind;
  /** The team-time date a reminder is for, or the ISO week a digest covers. */
  period: string;
  /** Unique per team × schedule × period: at most one job, whichever instance enqueues it first. */
  key: string;
  /** When it was due (the wall-clock time in the team's zone, as an instant). */
  runAt: Date;
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isTimeOfDay(value: string): boolean {
  return TIME.test(value);
}

function minutesOf(time: string): number {
  const match = TIME.exec(time);
  if (!match) throw new RangeError(`not a time of day: ${time}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

const partFormatters = new Map<string, Intl.DateTimeFormat>();

/** The wall clock in a zone at an instant: its date and minutes since midnight. */
export function wallClock(timeZone: string, at: Date): { date: string; minutes: number } {
  let format = partFormatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    partFormatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

function wallMs(timeZone: string, instant: number): number {
  const seen = wallClock(timeZone, new Date(instant));
  return Date.parse(`${seen.date}T00:00:00Z`) + seen.minutes * 60_000;
}

/** The instant a zone's wall clock shows `time` on `date` (a time skipped by a daylight-saving jump: as many minutes after it). */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const wanted = Date.parse(`${date}T00:00:00Z`) + minutesOf(time) * 60_000;
  // The zone's offset just before and at the wanted time; around a jump they differ and one of them fits.
  const first = wanted - (wallMs(timeZone, wanted) - wanted);
  const second = wanted - (wallMs(timeZone, first) - first);
  if (wallMs(timeZone, first) === wanted) return new Date(first);
  if (wallMs(timeZone, second) === wanted) return new Date(second);
  return new Date(Math.max(first, second));
}

export function reminderKey(teamId: string, date: string): string {
  return `reminder:${teamId}:${date}`;
}

export function digestKey(teamId: string, week: string): string {
  return `digest:${teamId}:${week}`;
}

/**
 * The jobs due at `now`: today's reminder once its time has passed on a working day (not a holiday), and the digest
 * of last week once its weekday and time have come. Only today's: an instance that was down all day sends nothing late.
 */
export function dueJobs(teamId: string, schedule: RhythmScheduleSettings, calendar: TeamCalendar, timeZone: string, now: Date): DueJob[] {
  const { date, minutes } = wallClock(timeZone, now);
  const due: DueJob[] = [];
  if (schedule.reminderEnabled && isWorkingDay(calendar, date) && minutes >= minutesOf(schedule.reminderTime)) {
    due.push({ kind: "reminder", period: date, key: reminderKey(teamId, date), runAt: zonedInstant(date, schedule.reminderTime, timeZone) });
  }
  if (schedule.digestEnabled && isoWeekday(date) === schedule.digestWeekday && minutes >= minutesOf(schedule.digestTime)) {
    const week = isoWeekOf(addDays(date, -7));
    due.push({ kind: "digest", period: week, key: digestKey(teamId, week), runAt: zonedInstant(date, schedule.digestTime, timeZone) });
  }
  return due;
}

/** The next time each schedule will run after `now` (within a year), for the settings page; null when off or never. */
export function nextRuns(schedule: RhythmScheduleSettings, calendar: TeamCalendar, timeZone: string, now: Date): { reminder: Date | null; digest: Date | null } {
  const today = wallClock(timeZone, now).date;
  let reminder: Date | null = null;
  let digest: Date | null = null;
  for (let i = 0; i < 370 && (!reminder || !digest); i++) {
    const day = addDays(today, i);
    if (!reminder && schedule.reminderEnabled && isWorkingDay(calendar, day)) {
      const at = zonedInstant(day, schedule.reminderTime, timeZone);
      if (at > now) reminder = at;
    }
    if (!digest && schedule.digestEnabled && isoWeekday(day) === schedule.digestWeekday) {
      const at = zonedInstant(day, schedule.digestTime, timeZone);
      if (at > now) digest = at;
    }
    if (!schedule.reminderEnabled && !schedule.digestEnabled) break;
  }
  return { reminder, digest };
}
