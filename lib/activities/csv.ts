// CSV for people who open it in Excel: UTF-8 with BOM, CRLF, and formula-looking cells defused.
import Papa from "papaparse";
import type { ActivityDto } from "./serialize";

export const CSV_BOM = "\uFEFF";

/** Cells starting with = + - @ (or tab/CR) would run as formulas in spreadsheet apps: prefix them with '. */
export function defuseCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function toCsv(header: string[], rows: (string | number | null | undefined)[][]): string {
  const data = rows.map((row) => row.map((cell) => (cell === null || cell === undefined ? "" : typeof cell === "number" ? String(cell) : defuseCell(cell))));
  return Papa.unparse({ fields: header, data }, { newline: "\r\n" });
}

export const EXPORT_HEADER = ["date", "member_email", "member_name", "text", "minutes", "role", "stage", "tag_source", "role_confidence", "stage_confidence", "needs_review"];

export function exportRows(activities: ActivityDto[]) {
  return activities.map((a) => [
    a.date,
    a.author.email,
    a.author.name,
    a.text,
    a.minutes,
    a.role,
    a.stage,
    a.tagSource,
    a.confidence.role,
    a.confidence.stage,
    a.needsReview ? "yes" : "no",
  ]);
}
