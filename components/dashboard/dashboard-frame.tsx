// The frame around every dashboard tab: header with tabs and exports, the demo banner, filters and URL errors.
import type { ReactNode } from "react";
import type { DashboardContext } from "@/lib/reports/context";
import { dashboardSearch } from "@/lib/reports/filters";
import { canSetTargets } from "@/lib/reports/permissions";
import { DashboardFilters } from "./dashboard-filters";
import { DashboardHeader, type DashboardTab } from "./dashboard-header";
import { DemoBanner } from "./empty-state";
import { periodText, type Translate } from "./format";

export function DashboardFrame({
  t, ctx, tab, title, exports = true, filters = true, children,
}: { t: Translate; ctx: DashboardContext; tab: DashboardTab; title: string; exports?: boolean; filters?: boolean; children: ReactNode }) {
  const base = `/t/${ctx.access.slug}/dashboard`;
  const search = dashboardSearch(ctx.query);
  const sheet = tab === "members" ? "members" : "overview";
  const csvParams = new URLSearchParams(search.slice(1));
  csvParams.set("sheet", sheet);
  const here = tab === "overview" ? base : `${base}/${tab}`;
  return (
    <div className="space-y-4">
      <DashboardHeader
        t={t}
        title={title}
        period={periodText(t, ctx.query.range)}
        tab={tab}
        base={base}
        search={search}
        csvHref={exports ? `${base}/export?${csvParams}` : undefined}
        pngTarget={exports ? "dashboard-view" : undefined}
        pngName={`opsmix-${ctx.access.slug}-${sheet}-${ctx.query.range.from}_${ctx.query.range.to}.png`}
      />
      {ctx.isDemo ? <DemoBanner t={t} teamSlug={ctx.access.slug} canDelete={canSetTargets(ctx.access)} /> : null}
      {filters ? <DashboardFilters t={t} action={here} query={ctx.query} members={ctx.members} /> : null}
      {ctx.error ? (
        <p className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700" data-testid="filter-error">
          {t(ctx.error.messageKey, ctx.error.details as Record<string, string>)}
        </p>
      ) : null}
      {children}
    </div>
  );
}
