// CSV of what a dashboard shows, in long format (one row per number) so a spreadsheet can pivot it:
// the overview's role and stage mixes with targets, its role × stage cells and weekly trend; or the members' mixes.
import { CSV_BOM, toCsv } from "@/lib/activities/csv";
import type { Locale } from "@/lib/i18n/locales";
import { translate } from "@/lib/i18n/translate";
import type { Dimension } from "./filters";
import type { MemberBoard } from "./members";
import { measureOf, trendSeries } from "./mix";
import type { Overview } from "./overview";

export const CSV_HEADER = ["section", "from", "to", "week", "member_id", "member_name", "role", "role_name", "stage", "stage_name", "count", "minutes", "share", "target", "gap"];

type Cell = string | number | null;
const pct = (value: number | null | undefined) => (value === null || value === undefined ? null : Math.round(value * 10000) / 10000);

function names(locale: Locale) {
  return {
    role: (key: string | null | undefined) => (key ? translate(locale, `taxonomy.roles.${key}`) : translate(locale, "dashboard.untagged")),
    stage: (key: string | null | undefined) => (key ? translate(locale, `taxonomy.stages.${key}`) : translate(locale, "dashboard.untagged")),
  };
}

export function overviewCsv(overview: Overview, trendBy: Dimension, locale: Locale): string {
  const n = names(locale);
  const { from, to } = overview.range;
  const rows: Cell[][] = [];
  for (const dimension of ["role", "stage"] as const) {
    const target = overview.targets[dimension];
    for (const entry of overview.mixes[dimension]) {
      const t = target ? (target[entry.key] ?? 0) : null;
      rows.push([
        dimension, from, to, null, null, null,
        dimension === "role" ? entry.key : null, dimension === "role" ? n.role(entry.key) : null,
        dimension === "stage" ? entry.key : null, dimension === "stage" ? n.stage(entry.key) : null,
        entry.count, entry.minutes, pct(entry.share), pct(t), t === null ? null : pct(entry.share - t),
      ]);
    }
  }
  for (const cell of overview.heatmap) {
    rows.push(["cell", from, to, null, null, null, cell.role, n.role(cell.role), cell.stage, n.stage(cell.stage), cell.count, cell.minutes, pct(cell.share), null, null]);
  }
  if (overview.untagged.count > 0) {
    rows.push(["untagged", from, to, null, null, null, null, n.role(null), null, n.stage(null), overview.untagged.count, overview.untagged.minutes, null, null, null]);
  }
  const counts = trendSeries(overview.weekly, overview.weeks, trendBy, "count");
  const minutes = trendSeries(overview.weekly, overview.weeks, trendBy, "minutes");
  const measured = overview.measure === "count" ? counts : minutes;
  counts.forEach((point, i) => {
    for (const [key, count] of Object.entries(point.values)) {
      const week = measured[i]!;
      rows.push([
        `week_${trendBy}`, overview.weeks[0]!, to, point.week, null, null,
        trendBy === "role" ? key : null, trendBy === "role" ? n.role(key) : null,
        trendBy === "stage" ? key : null, trendBy === "stage" ? n.stage(key) : null,
        count, minutes[i]!.values[key] ?? 0, pct(week.total > 0 ? week.values[key]! / week.total : 0), null, null,
      ]);
    }
  });
  return CSV_BOM + toCsv(CSV_HEADER, rows) + "\r\n";
}

export function membersCsv(board: MemberBoard, range: { from: string; to: string }, measureKey: "count" | "minutes", locale: Locale): string {
  const n = names(locale);
  const rows: Cell[][] = [];
  for (const member of board.members) {
    for (const entry of member.roles) {
      rows.push(["member_role", range.from, range.to, null, member.id, member.name, entry.key, n.role(entry.key), null, null, entry.count, entry.minutes, pct(entry.share), null, null]);
    }
    for (const entry of member.stages) {
      rows.push(["member_stage", range.from, range.to, null, member.id, member.name, null, null, entry.key, n.stage(entry.key), entry.count, entry.minutes, pct(entry.share), null, null]);
    }
    board.buckets.forEach((bucket, i) => {
      const value = member.perBucket[i]!;
      rows.push([`member_${board.granularity}`, range.from, range.to, bucket, member.id, member.name, null, null, null, null, value.count, value.minutes, pct(member.total.count ? measureOf(value, measureKey) / (measureOf(member.total, measureKey) || 1) : 0), null, null]);
    });
  }
  return CSV_BOM + toCsv(CSV_HEADER, rows) + "\r\n";
}
