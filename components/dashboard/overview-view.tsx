// The team overview: headline numbers, callouts, mixes by role and stage, the role × stage heatmap, balance vs
// target and the 12-week trend. Server-rendered; only the Recharts charts hydrate.
import type { DashboardContext } from "@/lib/reports/context";
import { drillHref, weekWindow, type DrillFilter } from "@/lib/reports/drill";
import { dashboardSearch } from "@/lib/reports/filters";
import type { Overview } from "@/lib/reports/overview";
import { canSetTargets } from "@/lib/reports/permissions";
import { Callouts } from "./callouts";
import { EmptyDashboard } from "./empty-state";
import type { Translate } from "./format";
import { GapsPanel } from "./gaps-panel";
import { Heatmap } from "./heatmap";
import { MixPanel } from "./mix-panel";
import { Summary } from "./summary";
import { TrendPanel } from "./trend-panel";

export function dashboardTitle(t: Translate, ctx: DashboardContext): string {
  if (!ctx.scope.authorId) return t("dashboard.title");
  if (ctx.scope.authorId === ctx.access.userId) return t("dashboard.titleOwn");
  return t("dashboard.titleMember", { name: ctx.scopedName ?? "" });
}

export function OverviewView({ t, ctx, overview }: { t: Translate; ctx: DashboardContext; overview: Overview }) {
  const { query, access, scope, canViewTeam } = ctx;
  const { range } = overview;
  const base = `/t/${access.slug}/dashboard`;
  const drill = (filter: Partial<DrillFilter>) => drillHref(access.slug, canViewTeam, { from: range.from, to: range.to, member: scope.authorId, preset: filter.from ? null : range.preset, ...filter });
  return (
    <div id="dashboard-view" className="space-y-4" data-testid="overview">
      <Summary t={t} total={overview.total} untagged={overview.untagged.count} measure={query.measure} reviewHref={drill({ needsReview: true })} />
      <Callouts t={t} callouts={overview.callouts} historyWeeks={overview.historyWeeks} hrefForStage={(stage) => drill({ stage })} />
      <div className="grid gap-4 lg:grid-cols-2">
        <MixPanel t={t} dimension="role" entries={overview.mixes.role} measure={query.measure} view={query.view} hrefFor={(role) => drill({ role })} />
        <MixPanel t={t} dimension="stage" entries={overview.mixes.stage} measure={query.measure} view={query.view} hrefFor={(stage) => drill({ stage })} />
      </div>
      <Heatmap t={t} cells={overview.heatmap} mixes={overview.mixes} measure={query.measure} historyWeeks={overview.historyWeeks} hrefFor={(role, stage) => drill({ role, stage })} />
      <GapsPanel
        t={t}
        gaps={overview.gaps}
        canEdit={canSetTargets(access)}
        targetsHref={`${base}/targets${dashboardSearch(query)}`}
        hrefFor={(gap) => drill({ [gap.dimension]: gap.key })}
      />
      <TrendPanel
        t={t}
        weeks={overview.weeks}
        weekly={overview.weekly}
        trendBy={query.trendBy}
        measure={query.measure}
        view={query.view}
        toggleHref={(by) => `${base}${dashboardSearch(query, { trendBy: by })}`}
        hrefFor={(week, key) => drill({ ...weekWindow(week, range.to), ...(key ? { [query.trendBy]: key } : {}) })}
      />
    </div>
  );
}

/** Awaits the overview inside the page's Suspense boundary; a team without any entries gets the empty state. */
export async function OverviewSection({ t, ctx, data }: { t: Translate; ctx: DashboardContext; data: Promise<{ overview: Overview; empty: boolean }> }) {
  const { overview, empty } = await data;
  if (empty) return <EmptyDashboard t={t} todayHref={`/t/${ctx.access.slug}/today`} />;
  return <OverviewView t={t} ctx={ctx} overview={overview} />;
}
