// CSV for people who open it in Excel: UTF-8 with BOM, CRLF, and formula-looking cells defused.
// Export headers and role/stage names follow the UI language; import (lib/activities/import.ts) reads both languages
// and the keys, so an exported file imports back unchanged.
import Papa from "papaparse";
import { CATALOGS } from "@/lib/i18n/messages";
import { LOCALES, type Locale } from "@/lib/i18n/locales";
import { translate } from "@/lib/i18n/translate";
import type { ActivityDto } from "./serialize";

export const CSV_BOM = "\uFEFF";

/** Cells starting with = + - @ (or tab/CR) would run as formulas in spreadsheet apps: prefix them with '. */
export function defuseCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** Undoes defuseCell on a cell read back from a file OpsMix wrote ('=1+1 → =1+1). */
export function undefuseCell(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

export function toCsv(header: string[], rows: (string | number | null | undefined)[][]): string {
  const data = rows.map((row) => row.map((cell) => (cell === null || cell === undefined ? "" : typeof cell === "number" ? String(cell) : defuseCell(cell))));
  return Papa.unparse({ fields: header, data }, { newline: "\r\n" });
}

/** Column keys of an export, in order; each is written under its UI-language name (csv.header.*). */
export const EXPORT_COLUMNS = ["date", "member_email", "member_name", "text", "minutes", "role", "stage", "tag_source", "role_confidence", "stage_confidence", "needs_review"] as const;
export type ExportColumn = (typeof EXPORT_COLUMNS)[number];

export function exportHeader(locale: Locale): string[] {
  return EXPORT_COLUMNS.map((key) => translate(locale, `csv.header.${key}`));
}

export function exportRows(activities: ActivityDto[], locale: Locale) {
  return activities.map((a) => [
    a.date,
    a.author.email,
    a.author.name,
    a.text,
    a.minutes,
    a.role ? translate(locale, `taxonomy.roles.${a.role}`) : "",
    a.stage ? translate(locale, `taxonomy.stages.${a.stage}`) : "",
    translate(locale, `csv.tagSource.${a.tagSource}`),
    a.confidence.role,
    a.confidence.stage,
    translate(locale, a.needsReview ? "csv.yes" : "csv.no"),
  ]);
}

/** Lower-cased, inner spaces/underscores/hyphens collapsed: "Member email", "member_email" and "MEMBER-EMAIL" match. */
export function csvName(value: string): string {
  return value.trim().toLowerCase().replace(/[\s_-]+/g, " ");
}

function catalogSection(locale: Locale, path: string): Record<string, string> {
  let node: unknown = CATALOGS[locale];
  for (const part of path.split(".")) node = (node as Record<string, unknown> | undefined)?.[part];
  return (node ?? {}) as Record<string, string>;
}

/** name (key, or its name in any UI language) → key, for taxonomy.roles / taxonomy.stages / csv.header. */
export function namesToKeys(path: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const locale of LOCALES) {
    for (const [key, name] of Object.entries(catalogSection(locale, path))) {
      map.set(csvName(key), key);
      if (typeof name === "string") map.set(csvName(name), key);
    }
  }
  return map;
}

/** The names a user may write for a role or stage, for error messages: the keys and the names in this language. */
export function allowedNames(path: string, locale: Locale): string {
  return Object.entries(catalogSection(locale, path))
    .map(([key, name]) => (locale === "en" ? name : `${name}（${key}）`))
    .join(locale === "en" ? ", " : "、");
}
