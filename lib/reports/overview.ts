import "server-only";
// Everything the team overview shows, from queries run in parallel: the trend window's week × role × stage cells,
// the period's role × stage cells (only when the period is not a run of whole weeks of that window) and the team's
// targets. The rest is arithmetic on those rows.
import { effortBy, sumEffort, teamHistoryStart, type EffortRow, type EffortTotal } from "./effort";
import type { Measure } from "./filters";
import { cellsFromWeeks, findCallouts, heatmapCells, mixBy, mixGaps, type Callout, type Gap, type HeatCell, type MixEntry, type TargetMix } from "./mix";
import type { ReportScope } from "./permissions";
import { mondayOf, trendWeeks, type DateRange } from "./range";
import { getTargetMix } from "./targets";

export interface Overview {
  range: DateRange;
  measure: Measure;
  total: EffortTotal;
  /** Entries the engine has not tagged (kept out of the shares). */
  untagged: { count: number; minutes: number };
  mixes: { role: MixEntry[]; stage: MixEntry[] };
  heatmap: HeatCell[];
  /** Mondays of the trend window, oldest first; the window ends on the range's last day and starts no earlier than
   * the week of the team's first entry or creation. */
  weeks: string[];
  weekly: EffortRow[];
  /** How many weeks of the trend window the team has existed: claims like "none in 12 weeks" never reach past it. */
  historyWeeks: number;
  targets: TargetMix;
  gaps: Gap[];
  callouts: Callout[];
}

export async function getOverview(scope: ReportScope, range: DateRange, measure: Measure): Promise<Overview> {
  const window = trendWeeks(range.to);
  // The trend window ends on the range's last day, so a range that starts on a Monday inside the window is a run of
  // the window's weeks: its cells are summed from the weekly rows instead of scanning the same rows twice.
  const fromWeekly = range.from === mondayOf(range.from) && range.from >= window[0]!;
  const [weekly, separateCells, targets, historyStart] = await Promise.all([
    effortBy(scope, { from: window[0]!, to: range.to }, ["week", "role", "stage"]),
    fromWeekly ? null : effortBy(scope, range, ["role", "stage"]),
    getTargetMix(scope.teamId),
    teamHistoryStart(scope.teamId),
  ]);
  // Weeks before the team existed are not "weeks without work": the window starts with its history (at least one week).
  const firstWeek = mondayOf(historyStart);
  const weeks = window.filter((week) => week >= firstWeek);
  if (weeks.length === 0) weeks.push(window[window.length - 1]!);
  const cells = separateCells ?? cellsFromWeeks(weekly, range.from);
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
    historyWeeks: weeks.length,
    weeks,
    weekly,
    targets,
    gaps: mixGaps(mixes, targets),
    callouts: findCallouts({ range, measure, mixes, cells, weekly, historyWeeks: weeks.length, targets }),
  };
}
