// The last 12 weeks, stacked by role or by stage; each segment opens that week's entries of that role or stage.
import Link from "next/link";
import { ROLE_ORDER, STAGE_ORDER } from "@/components/activities/colors";
import type { EffortRow } from "@/lib/reports/effort";
import type { Dimension, Measure, ViewMode } from "@/lib/reports/filters";
import { trendSeries } from "@/lib/reports/mix";
import { LazyTrendChart } from "./charts/lazy";
import { measureText, type Translate } from "./format";
import { keyColor, keyLabel } from "./mix-panel";
import { DataTable, Panel } from "./panel";

export function TrendPanel({
  t, weeks, weekly, trendBy, measure, view, toggleHref, hrefFor,
}: {
  t: Translate;
  weeks: string[];
  weekly: EffortRow[];
  trendBy: Dimension;
  measure: Measure;
  view: ViewMode;
  toggleHref: (by: Dimension) => string;
  hrefFor: (week: string, key: string | null) => string;
}) {
  const points = trendSeries(weekly, weeks, trendBy, measure);
  const keys = trendBy === "role" ? ROLE_ORDER : STAGE_ORDER;
  const measureName = t(`dashboard.filters.measures.${measure}`);
  const best = points.reduce((a, b) => (b.total > a.total ? b : a), points[0]!);
  const summary = best.total > 0
    ? t("dashboard.trend.summary", { measure: measureName, first: weeks[0]!, last: weeks[weeks.length - 1]!, best: best.week, value: measureText(t, measure, best.total) })
    : t("dashboard.trend.summaryEmpty");
  const short = (week: string) => week.slice(5);
  const toggles = (["role", "stage"] as const).map((by) => (
    <Link
      key={by}
      href={toggleHref(by)}
      aria-current={by === trendBy ? "true" : undefined}
      className={`rounded px-2 py-0.5 ${by === trendBy ? "bg-indigo-50 font-medium text-indigo-700" : "text-slate-600 hover:bg-slate-100"}`}
    >
      {t(by === "role" ? "dashboard.trend.byRole" : "dashboard.trend.byStage")}
    </Link>
  ));
  return (
    <Panel
      id="trend"
      title={t("dashboard.trend.title")}
      caption={`${t("dashboard.trend.caption", { measure: measureName, dimension: t(`dashboard.table.${trendBy}`) })} ${summary}`}
      actions={toggles}
      testId="trend"
    >
      {view === "chart" ? (
        <figure aria-label={`${t("dashboard.trend.title")}. ${summary}`} style={{ height: 280 }}>
          <LazyTrendChart
            title={t("dashboard.trend.title")}
            series={keys.map((key) => ({ key, label: keyLabel(t, trendBy, key), color: keyColor(trendBy, key) }))}
            data={points.map((p) => ({
              label: short(p.week),
              values: p.values,
              href: hrefFor(p.week, null),
              hrefs: Object.fromEntries(keys.map((key) => [key, hrefFor(p.week, key)])),
            }))}
          />
        </figure>
      ) : (
        <DataTable
          caption={t("dashboard.trend.title")}
          testId="trend-table"
          head={[t("dashboard.table.week"), ...keys.map((key) => keyLabel(t, trendBy, key)), t("dashboard.table.total")]}
          rows={points.map((p) => [
            <Link key="w" href={hrefFor(p.week, null)} className="text-indigo-700 hover:underline">
              {p.week}
            </Link>,
            ...keys.map((key) =>
              p.values[key] ? (
                <Link key={key} href={hrefFor(p.week, key)} className="hover:underline">
                  {measure === "minutes" ? Math.round(p.values[key]!) : p.values[key]}
                </Link>
              ) : (
                <span key={key} className="text-slate-300">0</span>
              ),
            ),
            measure === "minutes" ? Math.round(p.total) : p.total,
          ])}
        />
      )}
    </Panel>
  );
}
