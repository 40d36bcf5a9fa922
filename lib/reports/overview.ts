import "server-only";
// Everything the team overview shows, from three queries run in parallel: the period's role × stage cells,
// the trend window's week × role × stage cells, and the team's targets. The rest is arithmetic on those rows.
import { effortBy, sumEffort, type EffortRow, type EffortTotal } from "./effort";
import type { Measure } from "./filters";
import { findCallouts, heatmapCells, mixBy, mixGaps, type Callout, type Gap, type HeatCell, type MixEntry, type TargetMix } from "./mix";
import type { ReportScope } from "./permissions";
import { trendWeeks, type DateRange, TREND_WEEKS } from "./range";
import { getTargetMix } from "./targets";

export interface Overview {
  range: DateRange;
  measure: Measure;
  total: EffortTotal;
  /** Entries the engine has not tagged (kept out of the shares). */
  untagged: { count: number; minutes: number };
  mixes: { role: MixEntry[]; stage: MixEntry[] };
  heatmap: HeatCell[];
  /** Mondays of the trend window, oldest first; the window ends on the range's last day. */
  weeks: string[];
  weekly: EffortRow[];
  targets: TargetMix;
  gaps: Gap[];
  callouts: Callout[];
}

export async function getOverview(scope: ReportScope, range: DateRange, measure: Measure): Promise<Overview> {
  const weeks = trendWeeks(range.to);
  const [cells, weekly, targets] = await Promise.all([
    effortBy(scope, range, ["role", "stage"]),
    effortBy(scope, { from: weeks[0]!, to: range.to }, ["week", "role", "stage"]),
    getTargetMix(scope.teamId),
  ]);
  const mixes = { role: mixBy(cells, "role", measure), stage: mixBy(cells, "stage", measure) };
  const untaggedRows = cells.filter((c) => !c.role || !c.stage);
  const untagged = sumEffort(untaggedRows);
  return {
    range,
    measure,
    total: sumEffort(cells),
    untagged: { count: untagged.count, minutes: untagged.minutes },
    mixes,
    heatmap: heatmapCells(cells, weekly, measure, range.to),
    weeks,
    weekly,
    targets,
    gaps: mixGaps(mixes, targets),
    callouts: findCallouts({ range, measure, mixes, cells, weekly, trendWeeks: TREND_WEEKS, targets }),
  };
}
