import "server-only";
// Who logged on which working days: a members × days grid for the last four weeks in the team's time zone, each
// member's streak and the last day they logged. Managers see the team; a member sees their own row. The database
// reads the four weeks once (grouped per member), walks back further only for streaks that fill them, and looks up
// "last logged" beyond them only for members with nothing inside (bench/rhythm.ts: before and after).
import { prisma } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { addDays, todayIn } from "@/lib/activities/rules";
import { hasTeamRole, type TeamAccess } from "@/lib/teams/access";
import { mondayOf } from "@/lib/reports/range";
import { getTeamCalendar } from "./settings";
import { loggingStreak, previousWorkingDay, workingDaysBetween, type TeamCalendar } from "./calendar";

export const COVERAGE_WEEKS = 4;
/** Streaks are counted within this many days back; a longer one shows as at least this. */
export const STREAK_LOOKBACK_DAYS = 182;

export interface CoverageRow {
  member: { id: string; name: string };
  /** Entries per working day of the grid (same order as Coverage.days). */
  counts: number[];
  loggedDays: number;
  streak: number;
  /** True when the streak reaches the look-back's start (it may be longer). */
  streakCapped: boolean;
  /** The last day with an entry (up to today), null if never. */
  lastLogged: string | null;
  /** Logged nothing on the last working day before today or since (shown as "has not logged since …"). */
  behind: boolean;
}

export interface Coverage {
  today: string;
  from: string;
  /** The grid's working days, oldest first, ending today (or the last working day before it). */
  days: string[];
  calendar: TeamCalendar;
  rows: CoverageRow[];
}

export function canViewTeamCoverage(access: TeamAccess): boolean {
  return hasTeamRole(access, "manager");
}

interface MemberDays {
  id: string;
  name: string;
  /** Days with entries in the grid's window, newest first, and the number of entries on each. */
  days: string[] | null;
  counts: number[] | null;
  /** The last day with an entry up to today (looked up beyond the window only for members with none inside it). */
  last: string | null;
}

/**
 * Each member's logged days over the grid's four weeks in one grouped query (one row a member, the days as arrays).
 * Only a member with nothing in the window has their last day looked up beyond it (an index probe on author and date).
 */
async function memberDays(access: TeamAccess, from: string, today: string, onlyOwn: boolean): Promise<MemberDays[]> {
  const ownEntries = onlyOwn ? Prisma.sql`AND "authorId" = ${access.userId}` : Prisma.empty;
  const ownRow = onlyOwn ? Prisma.sql`AND m."userId" = ${access.userId}` : Prisma.empty;
  return prisma.$queryRaw<MemberDays[]>`
    SELECT u.id, u.name, d.days, d.counts,
      COALESCE(d.last, (
        SELECT max(a."dateWorked")::text FROM "Activity" a
        WHERE a."teamId" = ${access.teamId} AND a."authorId" = u.id AND a."deletedAt" IS NULL AND a."dateWorked" <= ${today}::date
      )) AS last
    FROM "Membership" m
    JOIN "User" u ON u.id = m."userId"
    LEFT JOIN (
      SELECT "authorId", array_agg(day::text ORDER BY day DESC) AS days, array_agg(n ORDER BY day DESC) AS counts, max(day)::text AS last
      FROM (
        SELECT "authorId", "dateWorked" AS day, count(*)::int AS n
        FROM "Activity"
        WHERE "teamId" = ${access.teamId} AND "deletedAt" IS NULL AND "dateWorked" BETWEEN ${from}::date AND ${today}::date ${ownEntries}
        GROUP BY "authorId", "dateWorked"
      ) per_day
      GROUP BY "authorId"
    ) d ON d."authorId" = m."userId"
    WHERE m."teamId" = ${access.teamId} ${ownRow}
    ORDER BY m."createdAt", m.id`;
}

/**
 * For members who logged every working day of the window, how many working days before it (newest first, `days`)
 * they kept logging: a walk back one index probe a day that stops at each member's first gap, so a streak costs what
 * it is long, never a scan of the look-back.
 */
async function streakBeforeWindow(teamId: string, memberIds: string[], days: string[]): Promise<Map<string, number>> {
  if (memberIds.length === 0 || days.length === 0) return new Map();
  const rows = await prisma.$queryRaw<{ id: string; days: number }[]>`
    WITH RECURSIVE working AS (
      SELECT day, ordinality::int AS i FROM unnest(${days}::date[]) WITH ORDINALITY AS t(day, ordinality)
    ),
    walk AS (
      SELECT member AS id, 0 AS i FROM unnest(${memberIds}::text[]) AS member
      UNION ALL
      SELECT walk.id, walk.i + 1 FROM walk JOIN working ON working.i = walk.i + 1
      WHERE EXISTS (
        SELECT 1 FROM "Activity" a
        WHERE a."teamId" = ${teamId} AND a."authorId" = walk.id AND a."dateWorked" = working.day AND a."deletedAt" IS NULL
      )
    )
    SELECT id, max(i)::int AS days FROM walk GROUP BY id`;
  return new Map(rows.map((row) => [row.id, row.days]));
}

export async function getCoverage(access: TeamAccess, now = new Date()): Promise<Coverage> {
  const today = todayIn(access.timeZone, now);
  const from = addDays(mondayOf(today), -7 * (COVERAGE_WEEKS - 1));
  const since = addDays(today, -STREAK_LOOKBACK_DAYS);
  const onlyOwn = !canViewTeamCoverage(access);
  const [calendar, members] = await Promise.all([getTeamCalendar(access.teamId), memberDays(access, from, today, onlyOwn)]);
  const days = workingDaysBetween(calendar, from, today);
  const expected = previousWorkingDay(calendar, today);
  const lookback = workingDaysBetween(calendar, since, addDays(from, -1)).reverse();
  const logged = new Map(members.map((member) => [member.id, new Map<string, number>((member.days ?? []).map((day, i) => [day, member.counts![i]!]))]));
  const inWindow = new Map(members.map((member) => [member.id, loggingStreak(calendar, new Set(logged.get(member.id)!.keys()), today, from)]));
  // A streak as long as the window's working days (today may still be empty) may go on before it.
  const unbroken = members.filter((member) => days.every((day) => day === today || logged.get(member.id)!.has(day))).map((member) => member.id);
  const before = await streakBeforeWindow(access.teamId, unbroken, lookback);
  const lookbackDays = lookback.length + days.length;
  const rows = members.map((member): CoverageRow => {
    const counts = days.map((day) => logged.get(member.id)!.get(day) ?? 0);
    const streak = inWindow.get(member.id)! + (before.get(member.id) ?? 0);
    const lastLogged = member.last;
    return {
      member: { id: member.id, name: member.name },
      counts,
      loggedDays: counts.filter((c) => c > 0).length,
      streak,
      streakCapped: streak > 0 && streak >= lookbackDays - 1,
      lastLogged,
      behind: expected !== null && (lastLogged === null || lastLogged < expected),
    };
  });
  return { today, from, days, calendar, rows };
}
