// The role × funnel stage heatmap: an HTML table of links (keyboard and screen-reader friendly, no client JS).
// Empty cells are a quiet mark whose tooltip and accessible name say how long they have been empty (the legend explains
// the mark); thin cells get a dotted outline.
import Link from "next/link";
import { ROLE_ORDER, STAGE_ORDER } from "@/components/activities/colors";
import type { Measure } from "@/lib/reports/filters";
import { measureOf, type HeatCell, type MixEntry } from "@/lib/reports/mix";
import { measureText, minutesText, percent, type Translate } from "./format";
import { keyColor, keyLabel } from "./mix-panel";
import { Panel } from "./panel";

function tint(hex: string, strength: number): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  const alpha = 0.1 + 0.8 * Math.min(1, Math.max(0, strength));
  // The role colour laid over the white panel, as an opaque colour so the text colour can be chosen by contrast.
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((c) => Math.round(255 + (c - 255) * alpha)) as [number, number, number];
}

function luminance([r, g, b]: [number, number, number]): number {
  const lin = (c: number) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** Dark slate text when it reaches WCAG AA (4.5:1) on the cell, else white, else black (which always reaches it). */
export function cellTextColor(background: [number, number, number]): string {
  const l = luminance(background);
  if ((l + 0.05) / (luminance([15, 23, 42]) + 0.05) >= 4.5) return "#0f172a";
  if (1.05 / (l + 0.05) >= 4.5) return "#ffffff";
  return "#000000";
}

/** How long a cell has been empty; "never" reaches back only as far as the team's history in the window. */
export function emptyText(t: Translate, weeks: number | null | undefined, historyWeeks: number): string {
  return weeks === null || weeks === undefined ? t("dashboard.heatmap.emptyNever", { weeks: historyWeeks }) : t("dashboard.heatmap.emptyFor", { weeks });
}

export function Heatmap({
  t, cells, mixes, measure, historyWeeks, hrefFor,
}: {
  t: Translate;
  cells: HeatCell[];
  mixes: { role: MixEntry[]; stage: MixEntry[] };
  measure: Measure;
  historyWeeks: number;
  hrefFor: (role: string, stage: string) => string;
}) {
  const byKey = new Map(cells.map((c) => [`${c.role}:${c.stage}`, c]));
  const max = Math.max(0, ...cells.map((c) => c.share));
  const measureName = t(`dashboard.filters.measures.${measure}`);
  const roleTotal = new Map(mixes.role.map((e) => [e.key, e]));
  const stageTotal = new Map(mixes.stage.map((e) => [e.key, e]));
  const value = (entry: { count: number; minutes: number }) => (measure === "minutes" ? minutesText(t, entry.minutes) : String(entry.count));
  return (
    <Panel id="heatmap" title={t("dashboard.heatmap.title")} caption={t("dashboard.heatmap.caption", { measure: measureName })} testId="heatmap">
      <div className="overflow-x-auto">
        <table className="w-full min-w-[36rem] border-separate border-spacing-1 text-sm">
          <caption className="sr-only">{t("dashboard.heatmap.title")}</caption>
          <thead>
            <tr>
              <td />
              {STAGE_ORDER.map((stage) => (
                <th key={stage} scope="col" className="px-1 pb-1 text-center text-xs font-medium text-slate-600">
                  {keyLabel(t, "stage", stage)}
                </th>
              ))}
              <th scope="col" className="px-1 pb-1 text-right text-xs font-medium text-slate-500">
                {t("dashboard.table.total")}
              </th>
            </tr>
          </thead>
          <tbody>
            {ROLE_ORDER.map((role) => (
              <tr key={role}>
                <th scope="row" className="whitespace-nowrap pr-2 text-left text-xs font-medium text-slate-700">
                  <span aria-hidden className="mr-1.5 inline-block h-2.5 w-2.5 rounded-sm" style={{ background: keyColor("role", role) }} />
                  {keyLabel(t, "role", role)}
                </th>
                {STAGE_ORDER.map((stage) => {
                  const cell = byKey.get(`${role}:${stage}`)!;
                  const name = `${keyLabel(t, "role", role)} × ${keyLabel(t, "stage", stage)}`;
                  if (cell.state === "empty") {
                    const why = emptyText(t, cell.weeks, historyWeeks);
                    return (
                      <td
                        key={stage}
                        data-testid="heat-cell"
                        data-role={role}
                        data-stage={stage}
                        data-state="empty"
                        title={t("dashboard.heatmap.cellLabel", { role: keyLabel(t, "role", role), stage: keyLabel(t, "stage", stage), value: why })}
                        className="h-11 rounded bg-slate-50 text-center align-middle text-slate-500"
                      >
                        <span aria-hidden>·</span>
                        <span className="sr-only" data-testid="heat-empty-note">
                          {name}: {why}
                        </span>
                      </td>
                    );
                  }
                  const strength = max > 0 ? cell.share / max : 0;
                  const background = tint(keyColor("role", role), strength);
                  const label = t("dashboard.heatmap.cellLabel", {
                    role: keyLabel(t, "role", role),
                    stage: keyLabel(t, "stage", stage),
                    value: `${measureText(t, measure, measureOf(cell, measure))} (${percent(cell.share)})${cell.state === "thin" ? ` · ${t("dashboard.heatmap.thin")}` : ""}`,
                  });
                  return (
                    <td
                      key={stage}
                      data-testid="heat-cell"
                      data-role={role}
                      data-stage={stage}
                      data-state={cell.state}
                      className={`h-11 rounded p-0 text-center align-middle ${cell.state === "thin" ? "outline-2 -outline-offset-2 outline-dashed outline-slate-400" : ""}`}
                      style={{ background: `rgb(${background.join(", ")})`, color: cellTextColor(background) }}
                    >
                      {/* The link's name is the whole sentence (it contains the visible figures); the figures alone say little. */}
                      <Link href={hrefFor(role, stage)} title={label} className="flex h-full w-full flex-col items-center justify-center rounded px-1 py-1 tabular-nums hover:ring-2 hover:ring-indigo-400">
                        <span aria-hidden className="font-medium">{value(cell)}</span>
                        <span aria-hidden className="text-[10px]">{percent(cell.share)}</span>
                        <span className="sr-only">{label}</span>
                      </Link>
                    </td>
                  );
                })}
                <td className="pl-1 text-right text-xs tabular-nums text-slate-600">{value(roleTotal.get(role) ?? { count: 0, minutes: 0 })}</td>
              </tr>
            ))}
            <tr>
              <th scope="row" className="pr-2 text-left text-xs font-medium text-slate-500">
                {t("dashboard.table.total")}
              </th>
              {STAGE_ORDER.map((stage) => (
                <td key={stage} className="text-center text-xs tabular-nums text-slate-600">
                  {value(stageTotal.get(stage) ?? { count: 0, minutes: 0 })}
                </td>
              ))}
              <td />
            </tr>
          </tbody>
        </table>
      </div>
      <p className="mt-2 flex flex-wrap gap-4 text-xs text-slate-500">
        <span className="inline-flex items-center gap-1">
          <span aria-hidden className="inline-flex h-3 w-4 items-center justify-center rounded-sm bg-slate-50 text-slate-500">·</span>
          {t("dashboard.heatmap.legendEmpty")}
        </span>
        <span className="inline-flex items-center gap-1">
          <span aria-hidden className="inline-block h-3 w-4 rounded-sm border border-dashed border-slate-400" />
          {t("dashboard.heatmap.legendThin")}
        </span>
      </p>
    </Panel>
  );
}
