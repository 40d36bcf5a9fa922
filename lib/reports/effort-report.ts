import "server-only";
// The effort report shared by the API (GET /api/v1/reports/effort) and the dashboard's CSV export:
// the same numbers, grouped by any of role, stage, member and week.
import { prisma } from "@/lib/db/client";
import { todayIn } from "@/lib/activities/rules";
import { effortQuery, REPORT_DIMENSIONS } from "@/lib/contracts/api";
import { parseInput, queryFields } from "@/lib/contracts/parse";
import type { TeamAccess } from "@/lib/teams/access";
import { effortBy, sumEffort } from "./effort";
import { reportScope } from "./permissions";
import { resolveRange, type DateRange } from "./range";

export { REPORT_DIMENSIONS };
export type ReportDimension = (typeof REPORT_DIMENSIONS)[number];

export interface EffortReportRequest {
  range: DateRange;
  groupBy: ReportDimension[];
  member: string | null;
}

export interface EffortReportRow {
  role?: string | null;
  stage?: string | null;
  member?: string;
  memberName?: string;
  week?: string;
  count: number;
  minutes: number;
}

export interface EffortReport {
  from: string;
  to: string;
  groupBy: ReportDimension[];
  rows: EffortReportRow[];
  total: { count: number; minutes: number };
}

/** The effortQuery contract: from/to or range (default: this week in the team's time zone), groupBy, member. */
export function parseEffortRequest(params: URLSearchParams, today: string): EffortReportRequest {
  const { range, from, to, groupBy, member } = parseInput(effortQuery, queryFields(params));
  return { range: resolveRange({ range, from, to }, today), groupBy: groupBy ?? [], member: member ?? null };
}

export async function effortReport(access: TeamAccess, request: EffortReportRequest): Promise<EffortReport> {
  const scope = await reportScope(access, request.member);
  const rows = await effortBy(scope, request.range, request.groupBy);
  let names = new Map<string, string>();
  if (request.groupBy.includes("member") && rows.length) {
    const users = await prisma.user.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.member!))] } }, select: { id: true, name: true } });
    names = new Map(users.map((u) => [u.id, u.name]));
  }
  const total = sumEffort(rows);
  return {
    from: request.range.from,
    to: request.range.to,
    groupBy: request.groupBy,
    rows: rows.map((row) => {
      const out: EffortReportRow = { count: row.count, minutes: row.minutes };
      for (const dim of request.groupBy) {
        if (dim === "member") {
          out.member = row.member!;
          out.memberName = names.get(row.member!) ?? "";
        } else if (dim === "week") out.week = row.week!;
        else out[dim] = row[dim] ?? null;
      }
      return out;
    }),
    total: { count: total.count, minutes: total.minutes },
  };
}

/** Parses and runs the report for a viewer in their team's calendar. */
export async function effortReportFromParams(access: TeamAccess, params: URLSearchParams): Promise<EffortReport> {
  return effortReport(access, parseEffortRequest(params, todayIn(access.timeZone)));
}
