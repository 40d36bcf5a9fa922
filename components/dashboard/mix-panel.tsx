// Effort per role or per stage: a bar chart (or a table in table view) with a text summary for screen readers.
import Link from "next/link";
import { ROLE_COLORS, STAGE_COLORS } from "@/components/activities/colors";
import type { Dimension, Measure, ViewMode } from "@/lib/reports/filters";
import { measureOf, type MixEntry } from "@/lib/reports/mix";
import { LazyMixBarChart } from "./charts/lazy";
import { measureText, minutesText, percent, type Translate } from "./format";
import { DataTable, Panel } from "./panel";

export function keyLabel(t: Translate, dimension: Dimension, key: string): string {
  return t(dimension === "role" ? `taxonomy.roles.${key}` : `taxonomy.stages.${key}`);
}

export function keyColor(dimension: Dimension, key: string): string {
  return (dimension === "role" ? ROLE_COLORS : STAGE_COLORS)[key]?.hex ?? "#64748b";
}

/** "内容运营 34%, 用户运营 20%, 社区运营 12%. None: 商务运营." */
export function mixSummary(t: Translate, dimension: Dimension, entries: MixEntry[], measure: Measure): string {
  const ranked = entries.filter((e) => measureOf(e, measure) > 0).sort((a, b) => b.share - a.share);
  if (ranked.length === 0) return t("dashboard.chartSummaryNone");
  const separator = t("dashboard.listSeparator");
  const top = ranked.slice(0, 3).map((e) => `${keyLabel(t, dimension, e.key)} ${percent(e.share)}`).join(separator);
  const missing = entries.filter((e) => measureOf(e, measure) === 0).map((e) => keyLabel(t, dimension, e.key));
  return [t("dashboard.chartSummary", { top }), missing.length ? t("dashboard.chartSummaryMissing", { keys: missing.join(separator) }) : ""].join(" ").trim();
}

export function MixPanel({
  t, dimension, entries, measure, view, hrefFor,
}: { t: Translate; dimension: Dimension; entries: MixEntry[]; measure: Measure; view: ViewMode; hrefFor: (key: string) => string }) {
  const title = t(dimension === "role" ? "dashboard.byRole" : "dashboard.byStage");
  const summary = mixSummary(t, dimension, entries, measure);
  return (
    <Panel id={`mix-${dimension}`} title={title} caption={summary} testId={`mix-${dimension}`}>
      {view === "chart" ? (
        <figure aria-label={`${title}. ${summary}`} style={{ height: entries.length * 30 + 24 }}>
          <LazyMixBarChart
            title={title}
            testId={`mix-${dimension}-chart`}
            data={entries.map((e) => ({
              label: keyLabel(t, dimension, e.key),
              value: measureOf(e, measure),
              display: `${measureText(t, measure, measureOf(e, measure))} · ${percent(e.share)}`,
              valueLabel: measureOf(e, measure) > 0 ? `${measure === "minutes" ? minutesText(t, e.minutes) : e.count} · ${percent(e.share)}` : "0",
              color: keyColor(dimension, e.key),
              href: e.count > 0 ? hrefFor(e.key) : null,
            }))}
          />
        </figure>
      ) : (
        <DataTable
          caption={title}
          testId={`mix-${dimension}-table`}
          head={[t(`dashboard.table.${dimension}`), t("dashboard.table.entries"), t("dashboard.table.minutes"), t("dashboard.table.share")]}
          rows={entries.map((e) => [
            <span key="k" className="inline-flex items-center gap-2">
              <span aria-hidden className="inline-block h-2.5 w-2.5 rounded-sm" style={{ background: keyColor(dimension, e.key) }} />
              {keyLabel(t, dimension, e.key)}
            </span>,
            e.count > 0 ? (
              <Link key="c" href={hrefFor(e.key)} className="text-indigo-700 hover:underline">
                {e.count}
              </Link>
            ) : (
              0
            ),
            e.minutes ? minutesText(t, e.minutes) : "—",
            percent(e.share),
          ])}
        />
      )}
    </Panel>
  );
}
