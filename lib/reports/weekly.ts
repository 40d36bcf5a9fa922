import "server-only";
// The weekly (and daily) report drafted from tagged entries: one member's or the whole team's period, grouped by role
// then stage, with headline figures, the largest entries, target-mix gaps, empty funnel stages and the entries still
// waiting for review. Totals come from the same SQL GROUP BY as the dashboards; weekly-text.ts turns this into text.
import { prisma } from "@/lib/db/client";
import { addDays, dateColumn, isoFromDateColumn, todayIn } from "@/lib/activities/rules";
import { ROLE_KEYS, STAGE_KEYS, type RoleKey, type StageKey } from "@/lib/tagging";
import type { TeamAccess } from "@/lib/teams/access";
import { effortBy, sumEffort, type EffortRow } from "./effort";
import { isoWeekOf, isoWeekRange } from "./iso-week";
import type { ReportFormat } from "./weekly-text";
import { weeklyQuery } from "@/lib/contracts/api";
import { parseInput, queryFields } from "@/lib/contracts/parse";
import { mixBy, mixGaps, type Gap } from "./mix";
import { reportScope } from "./permissions";
import { getTargetMix } from "./targets";

/** A member's report lists their entries under each role × stage; beyond this many the rest are counted, not listed. */
export const LISTED_ENTRIES_MAX = 200;
export const LARGEST_ENTRIES = 5;
export const REVIEW_LISTED_MAX = 10;
/** A target gap is worth a line when the actual share is this far (or more) below the target. */
export const GAP_REPORTED = 0.1;

export type ReportPeriodKind = "week" | "day";

export interface ReportEntry {
  id: string;
  date: string;
  text: string;
  minutes: number | null;
  role: RoleKey | null;
  stage: StageKey | null;
  authorName: string;
}

export interface ReportFigures {
  count: number;
  minutes: number;
  /** Entries with minutes logged. */
  timedCount: number;
  reviewCount: number;
}

export interface ReportStageGroup extends ReportFigures {
  stage: StageKey | null;
  /** The entries (member reports only; empty for a team report). */
  entries: ReportEntry[];
}

export interface ReportRoleGroup extends ReportFigures {
  role: RoleKey | null;
  stages: ReportStageGroup[];
}

export interface WeeklyReport {
  kind: ReportPeriodKind;
  /** "2026-W49" for a week, the date for a day. */
  period: string;
  from: string;
  to: string;
  team: { slug: string; name: string };
  /** The member the report is about; null for the whole team. */
  member: { id: string; name: string } | null;
  totals: ReportFigures & { untaggedCount: number; activeDays: number; activeMembers: number };
  /** The period before (the week or day before), for "up/down on last week". */
  previous: { count: number; minutes: number };
  roles: ReportRoleGroup[];
  /** Whole-team reports: every member with their figures, most entries first; members who logged nothing included. */
  members: { id: string; name: string; count: number; minutes: number }[];
  /** Entries listed under the groups vs. entries in the period: the rest are left out of the lists (never the totals). */
  listedEntries: number;
  largest: ReportEntry[];
  /** Target shares the period fell short of by GAP_REPORTED or more (by entries), largest first. */
  gaps: Gap[];
  /** Funnel stages nobody worked on in the period (only reported when something was logged). */
  emptyStages: StageKey[];
  review: ReportEntry[];
}

export interface WeeklyReportRequest {
  kind: ReportPeriodKind;
  /** "YYYY-Www" for a week, YYYY-MM-DD for a day; null: the current one in the team's time zone. */
  period: string | null;
  /** A user id or email (managers: anyone in the team; members: themself); null: the team for managers, self for members. */
  member: string | null;
}

/** The weeklyQuery contract: ?week=YYYY-Www (default this week), or ?day=YYYY-MM-DD for the daily version; &member=id or email. */
export function parseWeeklyRequest(params: URLSearchParams): WeeklyReportRequest & { format: ReportFormat } {
  const { day, week, member, format } = parseInput(weeklyQuery, queryFields(params));
  if (day !== undefined) return { kind: "day", period: day, member: member ?? null, format };
  if (week !== undefined) isoWeekRange(week); // the year must have that week
  return { kind: "week", period: week ?? null, member: member ?? null, format };
}

const ENTRY_SELECT = { id: true, dateWorked: true, text: true, minutes: true, role: true, stage: true, author: { select: { name: true } } } as const;

function toEntry(row: { id: string; dateWorked: Date; text: string; minutes: number | null; role: string | null; stage: string | null; author: { name: string } }): ReportEntry {
  return { id: row.id, date: isoFromDateColumn(row.dateWorked), text: row.text, minutes: row.minutes, role: row.role as RoleKey | null, stage: row.stage as StageKey | null, authorName: row.author.name };
}

function figures(row: Pick<EffortRow, "count" | "minutes" | "timedCount" | "reviewCount">): ReportFigures {
  return { count: row.count, minutes: row.minutes, timedCount: row.timedCount, reviewCount: row.reviewCount };
}

/** Role then stage, in taxonomy order with untagged last; figures from the SQL cells, entries (if any) slotted in. */
function groupCells(cells: readonly EffortRow[], entries: readonly ReportEntry[]): ReportRoleGroup[] {
  const roleOrder = (role: string | null | undefined) => (role ? ROLE_INDEX.get(role) ?? 99 : 100);
  const stageOrder = (stage: string | null | undefined) => (stage ? STAGE_KEYS.indexOf(stage as StageKey) : 100);
  const sorted = [...cells].sort((a, b) => roleOrder(a.role) - roleOrder(b.role) || stageOrder(a.stage) - stageOrder(b.stage));
  const groups: ReportRoleGroup[] = [];
  for (const cell of sorted) {
    const role = (cell.role ?? null) as RoleKey | null;
    let group = groups.find((g) => g.role === role);
    if (!group) groups.push((group = { role, count: 0, minutes: 0, timedCount: 0, reviewCount: 0, stages: [] }));
    group.count += cell.count;
    group.minutes += cell.minutes;
    group.timedCount += cell.timedCount;
    group.reviewCount += cell.reviewCount;
    const stage = (cell.stage ?? null) as StageKey | null;
    group.stages.push({ stage, ...figures(cell), entries: entries.filter((e) => e.role === role && e.stage === stage) });
  }
  return groups;
}

const ROLE_INDEX = new Map<string, number>(ROLE_KEYS.map((key, i) => [key, i]));

/** The report for a viewer: members get their own; managers any member's or (no member) the team's. */
export async function weeklyReport(access: TeamAccess, request: WeeklyReportRequest, now = new Date()): Promise<WeeklyReport> {
  const scope = await reportScope(access, request.member);
  const today = todayIn(access.timeZone, now);
  const period = request.period ?? (request.kind === "day" ? today : isoWeekOf(today));
  const range = request.kind === "day" ? { from: period, to: period } : isoWeekRange(period);
  const length = request.kind === "day" ? 1 : 7;
  const previousRange = { from: addDays(range.from, -length), to: addDays(range.to, -length) };
  const where = {
    teamId: scope.teamId,
    deletedAt: null,
    dateWorked: { gte: dateColumn(range.from), lte: dateColumn(range.to) },
    ...(scope.authorId ? { authorId: scope.authorId } : {}),
  };
  // Entries are ordered fully (date, then when they were written, then id) so the same data always drafts the same text.
  const order = [{ dateWorked: "asc" as const }, { createdAt: "asc" as const }, { id: "asc" as const }];
  const [cells, days, byMember, previous, targets, listed, largest, review, team, memberRows] = await Promise.all([
    effortBy(scope, range, ["role", "stage"]),
    effortBy(scope, range, ["day"]),
    effortBy(scope, range, ["member"]),
    effortBy(scope, previousRange, []),
    getTargetMix(scope.teamId),
    scope.authorId ? prisma.activity.findMany({ where, orderBy: order, take: LISTED_ENTRIES_MAX, select: ENTRY_SELECT }) : Promise.resolve([]),
    prisma.activity.findMany({ where: { ...where, minutes: { not: null } }, orderBy: [{ minutes: "desc" }, ...order], take: LARGEST_ENTRIES, select: ENTRY_SELECT }),
    prisma.activity.findMany({ where: { ...where, needsReview: true }, orderBy: order, take: REVIEW_LISTED_MAX, select: ENTRY_SELECT }),
    prisma.team.findUniqueOrThrow({ where: { id: scope.teamId }, select: { slug: true, name: true } }),
    prisma.membership.findMany({
      where: scope.authorId ? { teamId: scope.teamId, userId: scope.authorId } : { teamId: scope.teamId },
      orderBy: { createdAt: "asc" },
      select: { user: { select: { id: true, name: true } } },
    }),
  ]);
  const entries = listed.map(toEntry);
  const total = sumEffort(cells);
  const untaggedCount = sumEffort(cells.filter((c) => !c.role || !c.stage)).count;
  const mixes = { role: mixBy(cells, "role", "count"), stage: mixBy(cells, "stage", "count") };
  const memberFigures = new Map(byMember.map((row) => [row.member!, row]));
  return {
    kind: request.kind,
    period,
    from: range.from,
    to: range.to,
    team,
    member: scope.authorId ? { id: scope.authorId, name: memberRows[0]?.user.name ?? "" } : null,
    totals: { ...figures(total), untaggedCount, activeDays: days.length, activeMembers: byMember.length },
    previous: { count: previous[0]?.count ?? 0, minutes: previous[0]?.minutes ?? 0 },
    roles: groupCells(cells, entries),
    members: scope.authorId
      ? []
      : memberRows
          .map(({ user }) => ({ id: user.id, name: user.name, count: memberFigures.get(user.id)?.count ?? 0, minutes: memberFigures.get(user.id)?.minutes ?? 0 }))
          .sort((a, b) => b.count - a.count || b.minutes - a.minutes || a.name.localeCompare(b.name) || a.id.localeCompare(b.id)),
    listedEntries: entries.length,
    largest: largest.map(toEntry),
    gaps: total.count - untaggedCount > 0 ? mixGaps(mixes, targets).filter((gap) => gap.gap <= -GAP_REPORTED) : [],
    emptyStages: total.count > 0 ? mixes.stage.filter((entry) => entry.count === 0).map((entry) => entry.key as StageKey) : [],
    review: review.map(toEntry),
  };
}

/** The team's members for the report page's member choice, oldest membership first. */
export async function teamMemberNames(teamId: string): Promise<{ id: string; name: string }[]> {
  const rows = await prisma.membership.findMany({ where: { teamId }, orderBy: { createdAt: "asc" }, select: { user: { select: { id: true, name: true } } } });
  return rows.map((row) => row.user);
}

/** Parses and runs the report (API and page share this). */
export async function weeklyReportFromParams(access: TeamAccess, params: URLSearchParams): Promise<WeeklyReport & { format: ReportFormat }> {
  const request = parseWeeklyRequest(params);
  return { ...(await weeklyReport(access, request)), format: request.format };
}
