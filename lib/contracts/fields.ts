// Input contracts: one zod schema per kind of value, shared by the forms, the URL filters, the API and the OpenAPI
// document (lib/http/openapi.ts renders these very schemas), so a limit changes in one place.
// Error messages are message keys (lib/i18n/messages); parse.ts turns an issue into a translated message.
// Lenient inputs (form text, URL strings) go through z.preprocess so the document shows the strict shape.
import { z } from "zod";
import { ROLE_KEYS, STAGE_KEYS } from "@/lib/tagging/types";
import { SLUG_PATTERN } from "@/lib/teams/slug";

export const TEXT_MAX = 2000;
export const MINUTES_MAX = 24 * 60;
export const BATCH_MAX = 500;
/** Longest member reference (an email address at most 254 characters, or a user id). */
export const MEMBER_REF_MAX = 254;

export const RANGE_PRESETS = ["this-week", "last-week", "last-4-weeks", "last-12-weeks", "this-month", "last-month"] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];
/** The range select's value for explicit from/to dates. */
export const CUSTOM = "custom";
/** Longest range a report covers: three years keeps every query on the (team, date) index cheap. */
export const RANGE_DAYS_MAX = 3 * 366;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const trimmed = (value: unknown) => (typeof value === "string" ? value.trim() : value);

/** A calendar date, YYYY-MM-DD. */
export const isoDate = z.preprocess(trimmed, z.iso.date({ error: "errors.dateInvalid" }));

export const roleKey = z.enum(ROLE_KEYS, { error: "errors.roleInvalid" });
export const stageKey = z.enum(STAGE_KEYS, { error: "errors.stageInvalid" });

/** A team's slug as it appears in URLs. */
export const teamSlug = z.string({ error: "errors.slugInvalid" }).regex(SLUG_PATTERN, { error: "errors.slugInvalid" });

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** NFC, no control characters or odd separators, whitespace collapsed: what an entry's text is stored as. */
function cleanActivityText(raw: unknown): unknown {
  if (typeof raw !== "string") return raw;
  return raw
    .normalize("NFC")
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f\u200b\u2028\u2029]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** What was done, in plain words: cleaned, then 1…TEXT_MAX characters with at least one letter or digit. */
export const activityText = z.preprocess(
  cleanActivityText,
  z
    .string({ error: "errors.textRequired" })
    .min(1, { error: "errors.textRequired" })
    .max(TEXT_MAX, { error: "errors.textTooLong" })
    .regex(WORD_CHAR, { error: "errors.textNoWords" })
    .meta({ description: "What was done, in plain words (Chinese or English)." }),
);

function numberFromText(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const text = value.trim();
  return text === "" ? null : /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text) ? Number(text) : value;
}

/** Minutes spent, 1…MINUTES_MAX (fractions round); blank or null is "not logged". Forms send text, the API a number. */
export const minutes = z.preprocess(
  (value) => {
    const number = numberFromText(value);
    return typeof number === "number" && Number.isFinite(number) ? Math.round(number) : number;
  },
  z
    .int({ error: "errors.minutesInvalid" })
    .min(1, { error: "errors.minutesInvalid" })
    .max(MINUTES_MAX, { error: "errors.minutesInvalid" })
    .nullable(),
);

/** A page size from a URL: 1…max. */
export const pageLimit = (max: number) => z.preprocess(numberFromText, z.int({ error: "errors.invalid" }).min(1, { error: "errors.invalid" }).max(max, { error: "errors.invalid" }));

/** A member of the team named by user id or e-mail address (whether they are one is for lib/teams to say). */
export const memberRef = z
  .string()
  .max(MEMBER_REF_MAX, { error: "errors.unknownMember" })
  .meta({ description: "A member's e-mail address or user id." });

/**
 * A list position from a previous page's nextCursor (opaque to clients): the last row's date, creation time and id.
 */
export const cursor = z
  .string({ error: "errors.invalid" })
  .max(500, { error: "errors.invalid" })
  .transform((value, ctx) => {
    try {
      const [date, createdAt, id] = JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as unknown[];
      const created = new Date(createdAt as string);
      if (typeof date !== "string" || !isIsoDate(date) || typeof createdAt !== "string" || Number.isNaN(created.getTime()) || typeof id !== "string") throw new Error();
      return { date, createdAt: created, id };
    } catch {
      ctx.addIssue({ code: "custom", message: "errors.invalid", input: value });
      return z.NEVER;
    }
  })
  .meta({ description: "nextCursor of the previous page." });

export function encodeCursor(row: { date: string; createdAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify([row.date, row.createdAt.toISOString(), row.id])).toString("base64url");
}

/** "1" or "true" is yes; anything else (or nothing) is no. */
export const flag = z.preprocess((value) => value === "1" || value === "true" || value === true, z.boolean());

/**
 * A period as the dashboards and reports take it: a named preset (which wins over dates left in a form), or explicit
 * from/to; resolveRange (lib/reports/range.ts) fills in a missing end and the default from the team's today.
 */
export const dateRange = z
  .object({
    range: z.preprocess(blankToUndefined, z.enum([...RANGE_PRESETS, CUSTOM], { error: "dashboard.errors.rangeInvalid" }).optional()),
    from: z.preprocess(blankToUndefined, isoDate.optional()),
    to: z.preprocess(blankToUndefined, isoDate.optional()),
  })
  .superRefine((value, ctx) => {
    if (value.range && value.range !== CUSTOM) return;
    if (value.from && value.to && value.from > value.to) ctx.addIssue({ code: "custom", path: ["from"], message: "dashboard.errors.rangeReversed" });
    else if (value.from && value.to && daysBetween(value.from, value.to) >= RANGE_DAYS_MAX) {
      ctx.addIssue({ code: "custom", path: ["to"], message: "dashboard.errors.rangeTooLong", params: { days: RANGE_DAYS_MAX } });
    }
  });
export type DateRangeInput = z.output<typeof dateRange>;

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

const ISO_WEEK = /^\d{4}-W\d{2}$/;

/** An ISO 8601 week, "2026-W49" (whether the year has that week is checked where the week is used). */
export const isoWeek = z.preprocess(
  trimmed,
  z
    .string()
    .superRefine((value, ctx) => {
      if (!ISO_WEEK.test(value)) ctx.addIssue({ code: "custom", message: "rhythm.errors.weekInvalid", params: { example: "2026-W50" }, input: value });
    })
    .meta({ pattern: ISO_WEEK.source, description: "ISO week, e.g. 2026-W49." }),
);
