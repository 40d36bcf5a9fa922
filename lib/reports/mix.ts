// Pure arithmetic of the effort mix: shares, target gaps, empty and thin cells, and how long something has been
// missing. Works on rows already aggregated by SQL (tens to hundreds of them), never on activities.
import { ROLE_KEYS, STAGE_KEYS, type RoleKey, type StageKey } from "@/lib/tagging";
import type { EffortRow, EffortTotal } from "./effort";
import type { Dimension, Measure } from "./filters";
import { daysBetween, mondayOf } from "./range";

/** A cell with less than this share of the period's effort is "thin". */
export const THIN_SHARE = 0.05;
/** Heatmap cells below this share of the period's effort are marked thin. */
export const THIN_CELL_SHARE = 0.02;

export type MixKey = RoleKey | StageKey;
export type TargetMix = Record<Dimension, Partial<Record<string, number>> | null>;

export function keysOf(dimension: Dimension): readonly MixKey[] {
  return dimension === "role" ? ROLE_KEYS : STAGE_KEYS;
}

export function measureOf(row: Pick<EffortTotal, "count" | "minutes">, measure: Measure): number {
  return measure === "minutes" ? row.minutes : row.count;
}

export interface MixEntry {
  key: MixKey;
  count: number;
  minutes: number;
  /** Share of the tagged effort in this dimension, by the chosen measure (0 when there is none). */
  share: number;
}

/** Totals per key of one dimension, every key present (zeros included), in taxonomy order. */
export function mixBy(rows: readonly EffortRow[], dimension: Dimension, measure: Measure): MixEntry[] {
  const totals = new Map<string, { count: number; minutes: number }>();
  for (const row of rows) {
    const key = row[dimension];
    if (!key) continue;
    const entry = totals.get(key) ?? { count: 0, minutes: 0 };
    entry.count += row.count;
    entry.minutes += row.minutes;
    totals.set(key, entry);
  }
  const all = [...totals.values()].reduce((sum, e) => sum + measureOf(e, measure), 0);
  return keysOf(dimension).map((key) => {
    const entry = totals.get(key) ?? { count: 0, minutes: 0 };
    return { key, ...entry, share: all > 0 ? measureOf(entry, measure) / all : 0 };
  });
}

export interface Gap {
  dimension: Dimension;
  key: MixKey;
  target: number;
  actual: number;
  /** actual − target: negative means starved. */
  gap: number;
}

/** Target vs actual for every key of each dimension that has targets, largest gaps (either way) first. */
export function mixGaps(mixes: Record<Dimension, MixEntry[]>, targets: TargetMix): Gap[] {
  const gaps: Gap[] = [];
  for (const dimension of ["role", "stage"] as const) {
    const target = targets[dimension];
    if (!target) continue;
    for (const entry of mixes[dimension]) {
      const share = target[entry.key] ?? 0;
      gaps.push({ dimension, key: entry.key, target: share, actual: entry.share, gap: entry.share - share });
    }
  }
  return gaps.sort((a, b) => Math.abs(b.gap) - Math.abs(a.gap) || a.gap - b.gap);
}

/** Validates percentages (0–100) per key that must add up to 100 and returns shares summing to exactly 1. */
export function sharesFromPercents(percents: Partial<Record<string, number>>, dimension: Dimension): Record<string, number> | { error: "range" | "sum"; sum: number } {
  const keys = keysOf(dimension);
  let sum = 0;
  for (const key of keys) {
    const value = percents[key] ?? 0;
    if (!Number.isFinite(value) || value < 0 || value > 100) return { error: "range", sum };
    sum += value;
  }
  // Half a percent of slack for people typing 33.3 three times.
  if (Math.abs(sum - 100) > 0.5) return { error: "sum", sum: Math.round(sum * 10) / 10 };
  const shares: Record<string, number> = {};
  for (const key of keys) shares[key] = (percents[key] ?? 0) / sum;
  return shares;
}

/** Weeks in the trend window since a key last had work: 0 when it had work in the week of `to`, null if never. */
export function emptyWeeks(weeksWithWork: readonly string[], to: string): number | null {
  const current = mondayOf(to);
  let last: string | null = null;
  for (const week of weeksWithWork) if (week <= current && (last === null || week > last)) last = week;
  return last === null ? null : Math.round(daysBetween(last, current) / 7);
}

export type CalloutKind = "empty" | "thin" | "quietCell";

export interface Callout {
  kind: CalloutKind;
  dimension: Dimension | "cell";
  role?: RoleKey;
  stage?: StageKey;
  /** Share of the period's effort (thin) . */
  share?: number;
  /** Weeks without work (null: none in the whole trend window). */
  weeks?: number | null;
  /** Entries in the trend window before it went quiet (quiet cells). */
  before?: number;
}

export interface CalloutInput {
  range: { from: string; to: string };
  measure: Measure;
  mixes: Record<Dimension, MixEntry[]>;
  /** The period's role × stage cells. */
  cells: readonly EffortRow[];
  /** The trend window's week × role × stage rows. */
  weekly: readonly EffortRow[];
  /** Weeks of the trend window since the team's history began. */
  historyWeeks: number;
  targets: TargetMix;
}

/** Below this many weeks of history a cell cannot have "gone quiet": it never had a usual level to fall from. */
export const QUIET_MIN_HISTORY_WEEKS = 4;

/**
 * What a manager should notice: funnel stages with no work (and for how long), roles that went quiet or have
 * a target but no work, thin stages, and role × stage cells that were busy earlier in the window and are now empty.
 */
export function findCallouts(input: CalloutInput): Callout[] {
  const { range, mixes, weekly, targets } = input;
  const weeksWith = (match: (row: EffortRow) => boolean) => [...new Set(weekly.filter((r) => r.count > 0 && match(r)).map((r) => r.week!))];
  const callouts: Callout[] = [];
  const anyWork = mixes.stage.some((e) => e.count > 0);
  if (!anyWork) return callouts;
  for (const entry of mixes.stage) {
    if (entry.count === 0) callouts.push({ kind: "empty", dimension: "stage", stage: entry.key as StageKey, weeks: emptyWeeks(weeksWith((r) => r.stage === entry.key), range.to) });
  }
  for (const entry of mixes.role) {
    if (entry.count > 0) continue;
    const weeks = emptyWeeks(weeksWith((r) => r.role === entry.key), range.to);
    const targeted = (targets.role?.[entry.key] ?? 0) > 0;
    if (weeks !== null || targeted) callouts.push({ kind: "empty", dimension: "role", role: entry.key as RoleKey, weeks });
  }
  for (const entry of mixes.stage) {
    if (entry.count > 0 && entry.share < THIN_SHARE) callouts.push({ kind: "thin", dimension: "stage", stage: entry.key as StageKey, share: entry.share });
  }
  const inPeriod = new Set(input.cells.filter((c) => c.count > 0 && c.role && c.stage).map((c) => `${c.role}:${c.stage}`));
  const earlier = new Map<string, { role: RoleKey; stage: StageKey; count: number; weeks: string[] }>();
  for (const row of weekly) {
    if (!row.role || !row.stage || row.count === 0 || inPeriod.has(`${row.role}:${row.stage}`)) continue;
    const key = `${row.role}:${row.stage}`;
    const entry = earlier.get(key) ?? { role: row.role, stage: row.stage, count: 0, weeks: [] };
    entry.count += row.count;
    entry.weeks.push(row.week!);
    earlier.set(key, entry);
  }
  // A cell counts as "usually busy" when it had work in at least a quarter of the team's weeks in the window.
  const quiet = input.historyWeeks < QUIET_MIN_HISTORY_WEEKS ? [] : [...earlier.values()]
    .filter((cell) => new Set(cell.weeks).size >= Math.max(2, Math.ceil(input.historyWeeks / 4)))
    .sort((a, b) => b.count - a.count)
    .slice(0, 3);
  for (const cell of quiet) {
    callouts.push({ kind: "quietCell", dimension: "cell", role: cell.role, stage: cell.stage, weeks: emptyWeeks(cell.weeks, range.to), before: cell.count });
  }
  return callouts;
}

export interface HeatCell {
  role: RoleKey;
  stage: StageKey;
  count: number;
  minutes: number;
  share: number;
  state: "empty" | "thin" | "normal";
  /** Weeks since the cell last had work (only for empty cells; null: none in the trend window). */
  weeks?: number | null;
}

/** The role × stage grid of the period, every cell present, with empty and thin cells marked. */
export function heatmapCells(cells: readonly EffortRow[], weekly: readonly EffortRow[], measure: Measure, to: string): HeatCell[] {
  const byKey = new Map(cells.filter((c) => c.role && c.stage).map((c) => [`${c.role}:${c.stage}`, c]));
  const total = [...byKey.values()].reduce((sum, c) => sum + measureOf(c, measure), 0);
  const weeksByCell = new Map<string, string[]>();
  for (const row of weekly) {
    if (!row.role || !row.stage || row.count === 0) continue;
    const key = `${row.role}:${row.stage}`;
    const weeks = weeksByCell.get(key);
    if (weeks) weeks.push(row.week!);
    else weeksByCell.set(key, [row.week!]);
  }
  const grid: HeatCell[] = [];
  for (const role of ROLE_KEYS) {
    for (const stage of STAGE_KEYS) {
      const cell = byKey.get(`${role}:${stage}`);
      const count = cell?.count ?? 0;
      const minutes = cell?.minutes ?? 0;
      const share = total > 0 ? measureOf({ count, minutes }, measure) / total : 0;
      if (count === 0) grid.push({ role, stage, count, minutes, share, state: "empty", weeks: emptyWeeks(weeksByCell.get(`${role}:${stage}`) ?? [], to) });
      else grid.push({ role, stage, count, minutes, share, state: share < THIN_CELL_SHARE ? "thin" : "normal" });
    }
  }
  return grid;
}

export interface TrendPoint {
  week: string;
  total: number;
  values: Record<string, number>;
}

/** Effort per week of the window, split by one dimension; weeks without work are present with zeros. */
export function trendSeries(weekly: readonly EffortRow[], weeks: readonly string[], dimension: Dimension, measure: Measure): TrendPoint[] {
  const points = new Map(weeks.map((week) => [week, { week, total: 0, values: Object.fromEntries(keysOf(dimension).map((k) => [k, 0])) as Record<string, number> }]));
  for (const row of weekly) {
    const point = points.get(row.week!);
    const key = row[dimension];
    if (!point) continue;
    const value = measureOf(row, measure);
    point.total += value;
    if (key) point.values[key] = (point.values[key] ?? 0) + value;
  }
  return [...points.values()];
}

/** Role × stage cells of the weeks from `fromWeek` on, summed from week × role × stage rows. */
export function cellsFromWeeks(weekly: readonly EffortRow[], fromWeek: string): EffortRow[] {
  const cells = new Map<string, EffortRow>();
  for (const row of weekly) {
    if (row.week! < fromWeek) continue;
    const key = `${row.role}:${row.stage}`;
    const cell = cells.get(key) ?? { role: row.role ?? null, stage: row.stage ?? null, count: 0, minutes: 0, reviewCount: 0, timedCount: 0 };
    cell.count += row.count;
    cell.minutes += row.minutes;
    cell.reviewCount += row.reviewCount;
    cell.timedCount += row.timedCount;
    cells.set(key, cell);
  }
  return [...cells.values()];
}
