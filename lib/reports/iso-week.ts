// ISO 8601 weeks ("2026-W49"): Monday to Sunday, week 1 holds the year's first Thursday. The weekly report and its
// API name weeks this way because 飞书/钉钉/企业微信 and most European tools do too.
import { addDays } from "@/lib/activities/rules";
import { Invalid } from "@/lib/errors";
import { daysBetween, mondayOf } from "./range";

const ISO_WEEK = /^(\d{4})-W(\d{2})$/;

function firstMonday(year: number): string {
  return mondayOf(`${String(year).padStart(4, "0")}-01-04`);
}

/** 52 or 53. */
export function weeksInYear(year: number): number {
  return daysBetween(firstMonday(year), firstMonday(year + 1)) / 7;
}

/** The ISO week of a calendar date. */
export function isoWeekOf(isoDate: string): string {
  const thursday = addDays(mondayOf(isoDate), 3);
  const year = Number(thursday.slice(0, 4));
  const week = daysBetween(firstMonday(year), thursday) / 7;
  return `${year}-W${String(Math.floor(week) + 1).padStart(2, "0")}`;
}

/** Monday and Sunday of "YYYY-Www"; anything else (or week 53 of a 52-week year) is an Invalid. */
export function isoWeekRange(week: string): { from: string; to: string } {
  const match = ISO_WEEK.exec(week.trim());
  const year = match ? Number(match[1]) : 0;
  const number = match ? Number(match[2]) : 0;
  if (!match || year < 1970 || year > 2999 || number < 1 || number > weeksInYear(year)) throw new Invalid("rhythm.errors.weekInvalid", { example: isoWeekOf("2026-12-07") });
  const from = addDays(firstMonday(year), 7 * (number - 1));
  return { from, to: addDays(from, 6) };
}
