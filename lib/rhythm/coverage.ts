import "server-only";
// Who logged on which working days: a members × days grid for the last four weeks in the team's time zone, each
// member's streak and the last day they logged. Managers see the team; a member sees their own row.
import { prisma } from "@/lib/db/client";
import { addDays, isoFromDateColumn, todayIn } from "@/lib/activities/rules";
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

export async function getCoverage(access: TeamAccess, now = new Date()): Promise<Coverage> {
  const today = todayIn(access.timeZone, now);
  const from = addDays(mondayOf(today), -7 * (COVERAGE_WEEKS - 1));
  const since = addDays(today, -STREAK_LOOKBACK_DAYS);
  const onlyOwn = !canViewTeamCoverage(access);
  const [calendar, members, dayRows, lastRows] = await Promise.all([
    getTeamCalendar(access.teamId),
    prisma.membership.findMany({
      where: onlyOwn ? { teamId: access.teamId, userId: access.userId } : { teamId: access.teamId },
      orderBy: { createdAt: "asc" },
      select: { user: { select: { id: true, name: true } } },
    }),
    prisma.activity.groupBy({
      by: ["authorId", "dateWorked"],
      where: { teamId: access.teamId, deletedAt: null, dateWorked: { gte: new Date(`${since}T00:00:00Z`), lte: new Date(`${today}T00:00:00Z`) }, ...(onlyOwn ? { authorId: access.userId } : {}) },
      _count: { _all: true },
    }),
    prisma.activity.groupBy({
      by: ["authorId"],
      where: { teamId: access.teamId, deletedAt: null, dateWorked: { lte: new Date(`${today}T00:00:00Z`) }, ...(onlyOwn ? { authorId: access.userId } : {}) },
      _max: { dateWorked: true },
    }),
  ]);
  const days = workingDaysBetween(calendar, from, today);
  const perMember = new Map<string, Map<string, number>>();
  for (const row of dayRows) {
    const map = perMember.get(row.authorId) ?? new Map<string, number>();
    map.set(isoFromDateColumn(row.dateWorked), row._count._all);
    perMember.set(row.authorId, map);
  }
  const last = new Map(lastRows.map((row) => [row.authorId, row._max.dateWorked ? isoFromDateColumn(row._max.dateWorked) : null]));
  const expected = previousWorkingDay(calendar, today);
  const rows = members.map(({ user }) => {
    const logged = perMember.get(user.id) ?? new Map<string, number>();
    const counts = days.map((day) => logged.get(day) ?? 0);
    const streak = loggingStreak(calendar, new Set(logged.keys()), today, since);
    const lastLogged = last.get(user.id) ?? null;
    return {
      member: user,
      counts,
      loggedDays: counts.filter((c) => c > 0).length,
      streak,
      streakCapped: streak > 0 && streak >= workingDaysBetween(calendar, since, today).length - 1,
      lastLogged,
      behind: expected !== null && (lastLogged === null || lastLogged < expected),
    };
  });
  return { today, from, days, calendar, rows };
}
