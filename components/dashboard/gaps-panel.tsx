// Balance vs target: target share against actual share per role and stage, largest gaps first,
// with a diverging bar so "starved" and "over" read at a glance.
import Link from "next/link";
import type { Gap } from "@/lib/reports/mix";
import { percent, type Translate } from "./format";
import { keyColor, keyLabel } from "./mix-panel";
import { Panel } from "./panel";

export function gapPoints(gap: number): string {
  const points = Math.round(gap * 1000) / 10;
  return `${points > 0 ? "+" : points < 0 ? "−" : ""}${Math.abs(points)}`;
}

export function GapsPanel({ t, gaps, targetsHref, canEdit, hrefFor }: { t: Translate; gaps: Gap[]; targetsHref: string; canEdit: boolean; hrefFor: (gap: Gap) => string }) {
  const max = Math.max(0.05, ...gaps.map((g) => Math.abs(g.gap)));
  const action = canEdit ? (
    <Link href={targetsHref} className="text-indigo-700 hover:underline" data-testid="edit-targets">
      {gaps.length ? t("dashboard.gaps.editTargets") : t("dashboard.gaps.setTargets")}
    </Link>
  ) : null;
  return (
    <Panel id="gaps" title={t("dashboard.gaps.title")} caption={gaps.length ? t("dashboard.gaps.caption") : undefined} actions={action} testId="gaps">
      {gaps.length === 0 ? (
        <p className="text-sm text-slate-500">{t("dashboard.gaps.none")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-sm">
            <caption className="sr-only">{t("dashboard.gaps.title")}</caption>
            <thead>
              <tr className="border-b border-slate-200 text-left text-xs text-slate-500">
                <th scope="col" className="px-2 py-1.5 font-medium">{t("dashboard.table.dimension")}</th>
                <th scope="col" className="px-2 py-1.5 text-right font-medium">{t("dashboard.table.target")}</th>
                <th scope="col" className="px-2 py-1.5 text-right font-medium">{t("dashboard.table.actual")}</th>
                <th scope="col" className="px-2 py-1.5 text-right font-medium">{t("dashboard.table.gap")}</th>
                <th scope="col" className="w-2/5 px-2 py-1.5"><span className="sr-only">{t("dashboard.table.gap")}</span></th>
              </tr>
            </thead>
            <tbody>
              {gaps.map((gap) => {
                const width = `${(Math.abs(gap.gap) / max) * 50}%`;
                return (
                  <tr key={`${gap.dimension}:${gap.key}`} data-testid="gap-row" data-dimension={gap.dimension} data-key={gap.key} className="border-b border-slate-100 last:border-0">
                    <th scope="row" className="px-2 py-1.5 text-left font-normal">
                      <Link href={hrefFor(gap)} className="inline-flex items-center gap-2 hover:underline">
                        <span aria-hidden className="inline-block h-2.5 w-2.5 rounded-sm" style={{ background: keyColor(gap.dimension, gap.key) }} />
                        {keyLabel(t, gap.dimension, gap.key)}
                      </Link>
                    </th>
                    <td className="px-2 py-1.5 text-right tabular-nums">{percent(gap.target)}</td>
                    <td className="px-2 py-1.5 text-right tabular-nums">{percent(gap.actual)}</td>
                    <td className={`px-2 py-1.5 text-right tabular-nums ${gap.gap < -0.005 ? "text-rose-700" : gap.gap > 0.005 ? "text-emerald-700" : "text-slate-500"}`} data-testid="gap-value">
                      {t("dashboard.gaps.gapValue", { points: gapPoints(gap.gap) })}
                      <span className="sr-only"> ({gap.gap < 0 ? t("dashboard.gaps.starved") : t("dashboard.gaps.over")})</span>
                    </td>
                    <td className="px-2 py-1.5" aria-hidden>
                      <div className="relative h-3 w-full">
                        <div className="absolute left-1/2 top-0 h-3 w-px bg-slate-300" />
                        <div
                          data-png-box
                          className={`absolute top-0.5 h-2 rounded-sm ${gap.gap < 0 ? "bg-rose-400" : "bg-emerald-400"}`}
                          style={gap.gap < 0 ? { right: "50%", width } : { left: "50%", width }}
                        />
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}
