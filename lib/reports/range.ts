// Date ranges of the dashboards: named presets relative to the team's today, or a custom from/to.
// Calendar dates (YYYY-MM-DD) throughout; weeks start on Monday, like date_trunc('week', …) in SQL.
import { addDays, isIsoDate } from "@/lib/activities/rules";
import { Invalid } from "@/lib/errors";

export const RANGE_PRESETS = ["this-week", "last-week", "last-4-weeks", "last-12-weeks", "this-month", "last-month"] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];
export const DEFAULT_PRESET: RangePreset = "this-week";
/** The range select's value for explicit from/to dates. */
export const CUSTOM = "custom";

/** Longest range a report covers: three years keeps every query on the (team, date) index cheap. */
export const RANGE_DAYS_MAX = 3 * 366;
/** The trend always shows this many weeks, ending with the week of the range's last day. */
export const TREND_WEEKS = 12;

export interface DateRange {
  from: string;
  to: string;
  /** The preset this range came from; null for a custom range. */
  preset: RangePreset | null;
}

export function isRangePreset(value: unknown): value is RangePreset {
  return typeof value === "string" && (RANGE_PRESETS as readonly string[]).includes(value);
}

/** The Monday of the week containing this date. */
export function mondayOf(isoDate: string): string {
  const day = new Date(`${isoDate}T00:00:00Z`).getUTCDay();
  return addDays(isoDate, -((day + 6) % 7));
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function firstOfMonth(isoDate: string): string {
  return `${isoDate.slice(0, 7)}-01`;
}

export function presetRange(preset: RangePreset, today: string): DateRange {
  const monday = mondayOf(today);
  switch (preset) {
    case "this-week":
      return { from: monday, to: addDays(monday, 6), preset };
    case "last-week":
      return { from: addDays(monday, -7), to: addDays(monday, -1), preset };
    case "last-4-weeks":
      return { from: addDays(monday, -21), to: addDays(monday, 6), preset };
    case "last-12-weeks":
      return { from: addDays(monday, -7 * (TREND_WEEKS - 1)), to: addDays(monday, 6), preset };
    case "this-month": {
      const first = firstOfMonth(today);
      return { from: first, to: addDays(firstOfMonth(addDays(first, 32)), -1), preset };
    }
    case "last-month": {
      const first = firstOfMonth(today);
      return { from: firstOfMonth(addDays(first, -1)), to: addDays(first, -1), preset };
    }
  }
}

/**
 * The range asked for: a named preset, else explicit from/to (either may be left out: it defaults to the other
 * end of the default preset), else this week. Bad input is an Invalid with a translated message.
 */
export function resolveRange(input: { range?: string | null; from?: string | null; to?: string | null }, today: string): DateRange {
  const from = input.from || null;
  const to = input.to || null;
  // A named preset wins over dates left in the form; "custom" (or no preset) uses the dates.
  const named = input.range && input.range !== CUSTOM ? input.range : null;
  if (!named && (from !== null || to !== null)) {
    if ((from !== null && !isIsoDate(from)) || (to !== null && !isIsoDate(to))) throw new Invalid("errors.dateInvalid");
    const fallback = presetRange(DEFAULT_PRESET, today);
    const range: DateRange = { from: from ?? (to! < fallback.from ? mondayOf(to!) : fallback.from), to: to ?? (from! > fallback.to ? addDays(mondayOf(from!), 6) : fallback.to), preset: null };
    if (range.from > range.to) throw new Invalid("dashboard.errors.rangeReversed");
    if (daysBetween(range.from, range.to) >= RANGE_DAYS_MAX) throw new Invalid("dashboard.errors.rangeTooLong", { days: RANGE_DAYS_MAX });
    return range;
  }
  const preset = named ?? DEFAULT_PRESET;
  if (!isRangePreset(preset)) throw new Invalid("dashboard.errors.rangeInvalid");
  return presetRange(preset, today);
}

/** The Mondays of the trend window: TREND_WEEKS weeks ending with the week of `to`, oldest first. */
export function trendWeeks(to: string, weeks = TREND_WEEKS): string[] {
  const last = mondayOf(to);
  return Array.from({ length: weeks }, (_, i) => addDays(last, -7 * (weeks - 1 - i)));
}
