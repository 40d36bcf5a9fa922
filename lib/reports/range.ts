// Date ranges of the dashboards: named presets relative to the team's today, or a custom from/to.
// Calendar dates (YYYY-MM-DD) throughout; weeks start on Monday, like date_trunc('week', …) in SQL.
import { addDays } from "@/lib/activities/rules";
import { dateRange, type RangePreset } from "@/lib/contracts/fields";
import { parseInput } from "@/lib/contracts/parse";

export { CUSTOM, daysBetween, RANGE_DAYS_MAX, RANGE_PRESETS, type RangePreset } from "@/lib/contracts/fields";
export const DEFAULT_PRESET: RangePreset = "this-week";
/** The trend always shows this many weeks, ending with the week of the range's last day. */
export const TREND_WEEKS = 12;

export interface DateRange {
  from: string;
  to: string;
  /** The preset this range came from; null for a custom range. */
  preset: RangePreset | null;
}

/** The Monday of the week containing this date. */
export function mondayOf(isoDate: string): string {
  const day = new Date(`${isoDate}T00:00:00Z`).getUTCDay();
  return addDays(isoDate, -((day + 6) % 7));
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
 * The range asked for (the dateRange contract): a named preset, else explicit from/to (either may be left out: it
 * defaults to the other end of the default preset), else this week. Bad input is an Invalid with a translated message.
 */
export function resolveRange(input: { range?: string | null; from?: string | null; to?: string | null }, today: string): DateRange {
  const { range: named, from, to } = parseInput(dateRange, { range: input.range ?? undefined, from: input.from ?? undefined, to: input.to ?? undefined });
  if (named && named !== "custom") return presetRange(named, today);
  if (!from && !to) return presetRange(DEFAULT_PRESET, today);
  const fallback = presetRange(DEFAULT_PRESET, today);
  // One end given: the other comes from this week, or from the given end's own week when this week is on its wrong side.
  const start = from ?? (to! < fallback.from ? mondayOf(to!) : fallback.from);
  const end = to ?? (from! > fallback.to ? addDays(mondayOf(from!), 6) : fallback.to);
  parseInput(dateRange, { from: start, to: end }); // the filled-in period obeys the same limits
  return { from: start, to: end, preset: null };
}

/** The Mondays of the trend window: TREND_WEEKS weeks ending with the week of `to`, oldest first. */
export function trendWeeks(to: string, weeks = TREND_WEEKS): string[] {
  const last = mondayOf(to);
  return Array.from({ length: weeks }, (_, i) => addDays(last, -7 * (weeks - 1 - i)));
}
