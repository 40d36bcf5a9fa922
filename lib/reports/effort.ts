import "server-only";
// Effort aggregated in SQL: one GROUP BY over the team's live activities in a date range, by any of role,
// stage, member, week (Monday) and day. The WHERE clause always leads with the team id and the date range so
// PostgreSQL walks the (teamId, dateWorked) or (teamId, authorId, dateWorked) index.
import { prisma } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import type { RoleKey, StageKey } from "@/lib/tagging";
import type { ReportScope } from "./permissions";

export const EFFORT_DIMENSIONS = ["role", "stage", "member", "week", "day"] as const;
export type EffortDimension = (typeof EFFORT_DIMENSIONS)[number];

export interface EffortRow {
  /** null for entries the engine has not tagged. */
  role?: RoleKey | null;
  stage?: StageKey | null;
  /** The author's user id. */
  member?: string;
  /** Monday of the week, YYYY-MM-DD. */
  week?: string;
  day?: string;
  count: number;
  /** Sum of the minutes logged (entries without minutes add nothing). */
  minutes: number;
  /** Entries flagged for review. */
  reviewCount: number;
  /** Entries that have minutes. */
  timedCount: number;
}

export type EffortTotal = Pick<EffortRow, "count" | "minutes" | "reviewCount" | "timedCount">;

export interface CalendarRange {
  from: string;
  to: string;
}

// Grouping happens on the native columns (enums, dates): hashing those is several times cheaper than hashing text,
// so the keys become text only after aggregation, on the few hundred grouped rows.
const GROUP_KEYS: Record<EffortDimension, Prisma.Sql> = {
  role: Prisma.sql`a."role"`,
  stage: Prisma.sql`a."stage"`,
  member: Prisma.sql`a."authorId"`,
  // The cast to timestamp keeps date_trunc away from the session's time zone.
  week: Prisma.sql`date_trunc('week', a."dateWorked"::timestamp)::date`,
  day: Prisma.sql`a."dateWorked"`,
};

const OUTPUT: Record<EffortDimension, Prisma.Sql> = {
  role: Prisma.sql`g."role"::text`,
  stage: Prisma.sql`g."stage"::text`,
  member: Prisma.sql`g."member"`,
  week: Prisma.sql`to_char(g."week", 'YYYY-MM-DD')`,
  day: Prisma.sql`to_char(g."day", 'YYYY-MM-DD')`,
};

/** The WHERE clause every report shares: team, live rows, date range, and the author when scoped to one. */
export function scopeCondition(scope: ReportScope, range: CalendarRange): Prisma.Sql {
  const author = scope.authorId ? Prisma.sql` AND a."authorId" = ${scope.authorId}` : Prisma.empty;
  return Prisma.sql`a."teamId" = ${scope.teamId} AND a."dateWorked" BETWEEN ${range.from}::date AND ${range.to}::date AND a."deletedAt" IS NULL${author}`;
}

interface RawRow {
  role?: string | null;
  stage?: string | null;
  member?: string;
  week?: string;
  day?: string;
  count: number;
  minutes: number;
  reviewCount: number;
  timedCount: number;
}

/** Effort grouped by the given dimensions (none: a single total row), ordered by them. */
export async function effortBy(scope: ReportScope, range: CalendarRange, dimensions: readonly EffortDimension[]): Promise<EffortRow[]> {
  const dims = [...new Set(dimensions)];
  const name = (dim: EffortDimension) => Prisma.raw(`"${dim}"`);
  const keys = dims.map((dim) => Prisma.sql`${GROUP_KEYS[dim]} AS ${name(dim)}`);
  const ordinals = Prisma.raw(dims.map((_, i) => String(i + 1)).join(", "));
  const rows = await prisma.$queryRaw<RawRow[]>`
    SELECT ${Prisma.join([...dims.map((dim) => Prisma.sql`${OUTPUT[dim]} AS ${name(dim)}`), Prisma.sql`g."count"`, Prisma.sql`g."minutes"`, Prisma.sql`g."reviewCount"`, Prisma.sql`g."timedCount"`], ", ")}
    FROM (
      SELECT ${keys.length ? Prisma.sql`${Prisma.join(keys, ", ")}, ` : Prisma.empty}
        count(*)::int AS "count",
        coalesce(sum(a."minutes"), 0)::float8 AS "minutes",
        (count(*) FILTER (WHERE a."needsReview"))::int AS "reviewCount",
        count(a."minutes")::int AS "timedCount"
      FROM "Activity" a
      WHERE ${scopeCondition(scope, range)}
      ${dims.length ? Prisma.sql`GROUP BY ${ordinals}` : Prisma.empty}
    ) g
    ${dims.length ? Prisma.sql`ORDER BY ${ordinals}` : Prisma.empty}`;
  return rows as EffortRow[];
}

export function sumEffort(rows: readonly EffortTotal[]): EffortTotal {
  const total: EffortTotal = { count: 0, minutes: 0, reviewCount: 0, timedCount: 0 };
  for (const row of rows) {
    total.count += row.count;
    total.minutes += row.minutes;
    total.reviewCount += row.reviewCount;
    total.timedCount += row.timedCount;
  }
  return total;
}

/**
 * The first day of the team's history: its first live entry, or the day it was created (in its time zone) when that is
 * earlier. Dashboards count weeks from here, so a team created yesterday is not told it did nothing for 12 weeks.
 */
export async function teamHistoryStart(teamId: string): Promise<string> {
  const rows = await prisma.$queryRaw<{ start: string }[]>`
    SELECT to_char(least(
      (SELECT min(a."dateWorked") FROM "Activity" a WHERE a."teamId" = ${teamId} AND a."deletedAt" IS NULL),
      (t."createdAt" AT TIME ZONE 'UTC' AT TIME ZONE t."timeZone")::date
    ), 'YYYY-MM-DD') AS "start"
    FROM "Team" t WHERE t."id" = ${teamId}`;
  if (!rows[0]) throw new Error(`team ${teamId} not found`);
  return rows[0].start;
}
