// The dashboards' URL state: every view is a shareable link (range, measure, member, chart or table, trend split).
import { z } from "zod";
import { dateRange, memberRef } from "@/lib/contracts/fields";
import { parseInput, queryFields } from "@/lib/contracts/parse";
import { DomainError } from "@/lib/errors";
import { DEFAULT_PRESET, resolveRange, type DateRange } from "./range";

export const MEASURES = ["count", "minutes"] as const;
export type Measure = (typeof MEASURES)[number];
export type ViewMode = "chart" | "table";
export type Dimension = "role" | "stage";

export interface DashboardQuery {
  range: DateRange;
  measure: Measure;
  /** A member's user id; checked against the team (and the viewer's rights) by reportScope. */
  member: string | null;
  view: ViewMode;
  trendBy: Dimension;
}

/** The dashboards' URL: the period (dateRange), the measure, one member, chart or table, and the trend's split. */
export const dashboardQuery = dateRange.safeExtend({
  measure: z.enum(MEASURES, { error: "dashboard.errors.measureInvalid" }).default("count"),
  member: memberRef.optional(),
  view: z.string().optional(),
  trend: z.enum(["role", "stage"], { error: "errors.invalid" }).default("role"),
});

type Params = URLSearchParams | Record<string, string | string[] | undefined>;

export function parseDashboardQuery(params: Params, today: string): DashboardQuery {
  const { range, from, to, measure, member, view, trend } = parseInput(dashboardQuery, queryFields(params));
  return { range: resolveRange({ range, from, to }, today), measure, member: member ?? null, view: view === "table" ? "table" : "chart", trendBy: trend };
}

/** Like parseDashboardQuery, but a bad value falls back to the defaults and is returned for display. */
export function parseDashboardQueryLenient(params: Params, today: string): { query: DashboardQuery; error: DomainError | null } {
  try {
    return { query: parseDashboardQuery(params, today), error: null };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    // The member filter survives a bad value elsewhere; a bad member (a NUL, too long) is dropped too.
    let member: string | null = null;
    try {
      member = memberRef.safeParse(queryFields(params instanceof URLSearchParams ? { member: params.get("member") ?? undefined } : { member: params.member }).member).data ?? null;
    } catch {}
    return {
      query: { range: resolveRange({ range: DEFAULT_PRESET }, today), measure: "count", member, view: "chart", trendBy: "role" },
      error,
    };
  }
}

/** Search params for a dashboard link: only what differs from the defaults, so URLs stay short. */
export function dashboardSearch(query: DashboardQuery, change: Partial<DashboardQuery> = {}): string {
  const next = { ...query, ...change };
  const params = new URLSearchParams();
  if (next.range.preset) {
    if (next.range.preset !== DEFAULT_PRESET) params.set("range", next.range.preset);
  } else {
    params.set("from", next.range.from);
    params.set("to", next.range.to);
  }
  if (next.measure !== "count") params.set("measure", next.measure);
  if (next.member) params.set("member", next.member);
  if (next.view !== "chart") params.set("view", next.view);
  if (next.trendBy !== "role") params.set("trend", next.trendBy);
  const text = params.toString();
  return text ? `?${text}` : "";
}
