// Title, period, the dashboard's tabs and the export buttons (CSV of the current view, PNG of what is on screen).
import Link from "next/link";
import { ExportPngButton } from "./export-png";
import type { Translate } from "./format";

export type DashboardTab = "overview" | "members" | "targets";

export function DashboardHeader({
  t, title, period, tab, base, search, csvHref, pngTarget, pngName,
}: {
  t: Translate;
  title: string;
  period?: string;
  tab: DashboardTab;
  base: string;
  /** The current filters (?…), kept when switching tabs. */
  search: string;
  csvHref?: string;
  pngTarget?: string;
  pngName?: string;
}) {
  const tabs: { key: DashboardTab; href: string }[] = [
    { key: "overview", href: `${base}${search}` },
    { key: "members", href: `${base}/members${search}` },
    { key: "targets", href: `${base}/targets${search}` },
  ];
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold" data-testid="dashboard-title">
            {title}
          </h1>
          {period ? <p className="text-sm text-slate-500" data-testid="dashboard-period">{period}</p> : null}
        </div>
        <div className="flex flex-wrap gap-2">
          {csvHref ? (
            <a href={csvHref} download className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50" data-testid="export-csv">
              {t("dashboard.export.csv")}
            </a>
          ) : null}
          {pngTarget ? (
            <ExportPngButton
              targetId={pngTarget}
              title={period ? `${title} · ${period}` : title}
              filename={pngName ?? "opsmix.png"}
              label={t("dashboard.export.png")}
              failedLabel={t("dashboard.export.pngFailed")}
            />
          ) : null}
        </div>
      </div>
      <nav aria-label={t("dashboard.tabs.label")} className="flex gap-1 border-b border-slate-200">
        {tabs.map((item) => (
          <Link
            key={item.key}
            href={item.href}
            aria-current={item.key === tab ? "page" : undefined}
            className={`-mb-px border-b-2 px-3 py-1.5 text-sm ${item.key === tab ? "border-indigo-600 font-medium text-indigo-700" : "border-transparent text-slate-600 hover:text-slate-900"}`}
          >
            {t(`dashboard.tabs.${item.key}`)}
          </Link>
        ))}
      </nav>
    </div>
  );
}
