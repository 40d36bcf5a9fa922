// The coverage grid as it was computed before 2026-12-06 (one row per member and day over the 26-week look-back, and
// every member's last day over the whole history), kept only so bench/rhythm.ts measures before and after in one run
// and checks that both give the same grid.
import { prisma } from "../lib/db/client";
import { addDays, isoFromDateColumn, todayIn } from "../lib/activities/rules";
import type { TeamAccess } from "../lib/teams/access";
import { mondayOf } from "../lib/reports/range";
import { getTeamCalendar } from "../lib/rhythm/settings";
import { canViewTeamCoverage, COVERAGE_WEEKS, STREAK_LOOKBACK_DAYS, type Coverage } from "../lib/rhythm/coverage";
import { loggingStreak, previousWorkingDay, workingDaysBetween } from "../lib/rhythm/calendar";

export async function getCoverageBefore(access: TeamAccess, now = new Date()): Promise<Coverage> {
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
