// What a valid activity is. Shared by the UI, the API, CSV import and the CLI so they never disagree.
import { Invalid } from "@/lib/errors";

export const TEXT_MAX = 2000;
export const MINUTES_MAX = 24 * 60;
/** Work may be logged up to this many years back (older dates are almost always a typo in the year). */
export const YEARS_BACK_MAX = 5;
/** Days ahead of the team's today that are still accepted (time-zone slack for people travelling). */
export const DAYS_AHEAD_MAX = 1;
export const BATCH_MAX = 500;

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Normalises an entry's text (NFC, collapsed whitespace, no control characters) or throws a translated error. */
export function normaliseActivityText(raw: unknown): string {
  if (typeof raw !== "string") throw new Invalid("errors.textRequired");
  const text = raw
    .normalize("NFC")
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f\u200b\u2028\u2029]/g, "")
    .replace(/\s+/g, " ")
    .trim();
  if (!text) throw new Invalid("errors.textRequired");
  if (text.length > TEXT_MAX) throw new Invalid("errors.textTooLong", { max: TEXT_MAX });
  if (!WORD_CHAR.test(text)) throw new Invalid("errors.textNoWords");
  return text;
}

export function normaliseMinutes(raw: unknown): number | null {
  if (raw === undefined || raw === null || raw === "") return null;
  const value = typeof raw === "string" ? Number(raw) : raw;
  if (typeof value !== "number" || !Number.isFinite(value)) throw new Invalid("errors.minutesInvalid");
  const minutes = Math.round(value);
  if (minutes < 1 || minutes > MINUTES_MAX) throw new Invalid("errors.minutesInvalid");
  return minutes;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

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

export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
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
