// A team's working calendar (which weekdays are working days, and its holidays) and the arithmetic over it:
// working days in a range, logging streaks. Pure: the coverage grid, reminders and tests share it.
import { addDays, isIsoDate } from "@/lib/activities/rules";
import { Invalid } from "@/lib/errors";

export interface TeamCalendar {
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  workingDays: number[];
  /** YYYY-MM-DD, sorted. */
  holidays: string[];
}

export const DEFAULT_CALENDAR: TeamCalendar = { workingDays: [1, 2, 3, 4, 5], holidays: [] };
export const HOLIDAYS_MAX = 200;

export function isoWeekday(isoDate: string): number {
  return ((new Date(`${isoDate}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
}

export function isWorkingDay(calendar: TeamCalendar, isoDate: string): boolean {
  return calendar.workingDays.includes(isoWeekday(isoDate)) && !calendar.holidays.includes(isoDate);
}

/** The working days from `from` to `to`, both included, oldest first. */
export function workingDaysBetween(calendar: TeamCalendar, from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) if (isWorkingDay(calendar, day)) days.push(day);
  return days;
}

/**
 * Working days in a row with entries, counting back from today. Today only counts once it has an entry: an empty
 * today does not break the streak (the day is not over). `logged` holds the days with entries; `since` bounds the look-back.
 */
export function loggingStreak(calendar: TeamCalendar, logged: ReadonlySet<string>, today: string, since: string): number {
  let streak = 0;
  for (let day = today; day >= since; day = addDays(day, -1)) {
    if (!isWorkingDay(calendar, day)) continue;
    if (logged.has(day)) streak += 1;
    else if (day !== today) break;
  }
  return streak;
}

/** The working day before `today` (what "missed a day" is measured against), within a year. */
export function previousWorkingDay(calendar: TeamCalendar, today: string): string | null {
  for (let day = addDays(today, -1), i = 0; i < 366; day = addDays(day, -1), i++) if (isWorkingDay(calendar, day)) return day;
  return null;
}

/**
 * The calendar from the settings form: weekday checkboxes ("1"…"7") and holidays typed as dates separated by commas,
 * spaces or lines. Bad input is an Invalid naming what to fix; nothing is half-kept.
 */
export function parseCalendarInput(weekdays: readonly string[], holidaysText: string): TeamCalendar {
  const workingDays = [...new Set(weekdays.map((d) => Number(d)))].sort((a, b) => a - b);
  if (workingDays.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) throw new Invalid("rhythm.errors.weekdayInvalid", { field: "weekday" });
  if (workingDays.length === 0) throw new Invalid("rhythm.errors.noWorkingDays", { field: "weekday" });
  const parts = holidaysText.split(/[\s,，、;；]+/).filter(Boolean);
  if (parts.length > HOLIDAYS_MAX) throw new Invalid("rhythm.errors.tooManyHolidays", { max: HOLIDAYS_MAX, field: "holidays" });
  const bad = parts.find((part) => !isIsoDate(part));
  if (bad !== undefined) throw new Invalid("rhythm.errors.holidayInvalid", { value: bad.slice(0, 40), field: "holidays" });
  return { workingDays, holidays: [...new Set(parts)].sort() };
}
