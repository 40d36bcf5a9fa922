// What a valid activity is. Shared by the UI, the API, CSV import and the CLI so they never disagree.
import { activityText, isIsoDate, minutes } from "@/lib/contracts/fields";
import { parseInput } from "@/lib/contracts/parse";
import { Invalid } from "@/lib/errors";

export { BATCH_MAX, isIsoDate, MINUTES_MAX, TEXT_MAX } from "@/lib/contracts/fields";
/** Work may be logged up to this many years back (older dates are almost always a typo in the year). */
export const YEARS_BACK_MAX = 5;
/** Days ahead of the team's today that are still accepted (time-zone slack for people travelling). */
export const DAYS_AHEAD_MAX = 1;

/** Normalises an entry's text (NFC, collapsed whitespace, no control characters) or throws a translated error. */
export function normaliseActivityText(raw: unknown): string {
  return parseInput(activityText, raw);
}

/** Minutes spent (rounded), null when left blank, or a translated error. */
export function normaliseMinutes(raw: unknown): number | null {
  return parseInput(minutes.optional(), raw) ?? null;
}

// Building an Intl.DateTimeFormat costs about a millisecond: keep one per time zone.
const dateFormatters = new Map<string, Intl.DateTimeFormat | null>();

/** Today's calendar date in a time zone, as YYYY-MM-DD. */
export function todayIn(timeZone: string, now = new Date()): string {
  let formatter = dateFormatters.get(timeZone);
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    } catch {
      formatter = null;
    }
    dateFormatters.set(timeZone, formatter);
  }
  return formatter ? formatter.format(now) : now.toISOString().slice(0, 10);
}

export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Validates a date worked (YYYY-MM-DD) against the team's today; missing means today. */
export function normaliseDateWorked(raw: unknown, timeZone: string, now = new Date()): string {
  const today = todayIn(timeZone, now);
  if (raw === undefined || raw === null || raw === "") return today;
  if (typeof raw !== "string" || !isIsoDate(raw)) throw new Invalid("errors.dateInvalid");
  if (raw > addDays(today, DAYS_AHEAD_MAX)) throw new Invalid("errors.dateTooFarFuture");
  if (raw < addDays(today, -366 * YEARS_BACK_MAX)) throw new Invalid("errors.dateTooOld", { years: YEARS_BACK_MAX });
  return raw;
}

/** A calendar date as the Date Prisma stores in a @db.Date column (UTC midnight). */
export function dateColumn(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00Z`);
}

export function isoFromDateColumn(date: Date): string {
  return date.toISOString().slice(0, 10);
}
