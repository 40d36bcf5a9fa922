// The dashboards' URL state: every view is a shareable link (range, measure, member, chart or table, trend split).
import { DomainError, Invalid } from "@/lib/errors";
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

function param(params: URLSearchParams, name: string): string | null {
  const value = params.get(name);
  if (value?.includes("\u0000")) throw new Invalid();
  return value === null || value === "" ? null : value.slice(0, 100);
}

export function parseDashboardQuery(params: URLSearchParams, today: string): DashboardQuery {
  const measure = param(params, "measure") ?? "count";
  if (measure !== "count" && measure !== "minutes") throw new Invalid("dashboard.errors.measureInvalid");
  const trend = param(params, "trend") ?? "role";
  if (trend !== "role" && trend !== "stage") throw new Invalid();
  return {
    range: resolveRange({ range: param(params, "range"), from: param(params, "from"), to: param(params, "to") }, today),
    measure,
    member: param(params, "member"),
    view: param(params, "view") === "table" ? "table" : "chart",
    trendBy: trend,
  };
}

/** Like parseDashboardQuery, but a bad value falls back to the defaults and is returned for display. */
export function parseDashboardQueryLenient(params: URLSearchParams, today: string): { query: DashboardQuery; error: DomainError | null } {
  try {
    return { query: parseDashboardQuery(params, today), error: null };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const member = param(params, "member");
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
