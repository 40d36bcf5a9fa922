import "server-only";
// Reading activities: filtered, keyset-paginated lists scoped to one team (and to the viewer's own entries
// unless they manage the team).
import { prisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { activityListQuery, PAGE_DEFAULT, PAGE_MAX, type ActivityListQuery } from "@/lib/contracts/api";
import { encodeCursor } from "@/lib/contracts/fields";
import { parseInput, queryFields } from "@/lib/contracts/parse";
import { NotFound } from "@/lib/errors";
import type { TeamAccess } from "@/lib/teams/access";
import { memberScopeFor } from "@/lib/teams/queries";
import { canViewActivity } from "./permissions";
import { dateColumn, isoFromDateColumn } from "./rules";
import { ACTIVITY_SELECT, toActivityDto, type ActivityDto } from "./serialize";

/** Filters of an entry list (UI and API share them): the parsed activityListQuery contract. */
export type ActivityFilters = ActivityListQuery;

export { PAGE_MAX };

/** Parses filters from URL search params (UI and API share it); bad values are a 400, never "everything". */
export function parseActivityFilters(params: URLSearchParams | Record<string, string | string[] | undefined>): ActivityFilters {
  return parseInput(activityListQuery, queryFields(params));
}

function nextCursorOf(row: { dateWorked: Date; createdAt: Date; id: string }): string {
  return encodeCursor({ date: isoFromDateColumn(row.dateWorked), createdAt: row.createdAt, id: row.id });
}

/** The Prisma where clause for these filters inside the viewer's team; shared by lists, exports and reports. */
export async function activityWhere(access: TeamAccess, filters: ActivityFilters): Promise<Prisma.ActivityWhereInput> {
  const where: Prisma.ActivityWhereInput = { teamId: access.teamId, deletedAt: null };
  const scope = await memberScopeFor(access, filters.member);
  // A member outside the team (or someone else, for a plain member) matches nothing rather than everything.
  if (!scope) where.id = "__none__";
  else if (scope.authorId) where.authorId = scope.authorId;
  if (filters.from || filters.to) {
    where.dateWorked = {
      ...(filters.from ? { gte: dateColumn(filters.from) } : {}),
      ...(filters.to ? { lte: dateColumn(filters.to) } : {}),
    };
  }
  if (filters.role) where.role = filters.role;
  if (filters.stage) where.stage = filters.stage;
  if (filters.needsReview) where.needsReview = true;
  if (filters.q) where.text = { contains: filters.q, mode: "insensitive" };
  return where;
}

export async function listActivities(access: TeamAccess, filters: ActivityFilters): Promise<{ activities: ActivityDto[]; nextCursor: string | null }> {
  const limit = filters.limit ?? PAGE_DEFAULT;
  const where = await activityWhere(access, filters);
  if (filters.cursor) {
    const c = filters.cursor;
    const d = dateColumn(c.date);
    where.AND = [
      {
        OR: [
          { dateWorked: { lt: d } },
          { dateWorked: d, createdAt: { lt: c.createdAt } },
          { dateWorked: d, createdAt: c.createdAt, id: { lt: c.id } },
        ],
      },
    ];
  }
  const rows = await prisma.activity.findMany({
    where,
    orderBy: [{ dateWorked: "desc" }, { createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: ACTIVITY_SELECT,
  });
  const page = rows.slice(0, limit);
  return {
    activities: page.map((row) => toActivityDto(row)),
    nextCursor: rows.length > limit ? nextCursorOf(page[page.length - 1]!) : null,
  };
}

export async function getActivity(access: TeamAccess, id: string): Promise<ActivityDto> {
  if (typeof id !== "string" || id.length > 64) throw new NotFound();
  const row = await prisma.activity.findFirst({ where: { id, teamId: access.teamId, deletedAt: null }, select: ACTIVITY_SELECT });
  if (!row || !canViewActivity(access, row)) throw new NotFound();
  return toActivityDto(row);
}

/** The viewer's own entries between two dates, counted and summed by role and by stage (the "My week" bars). */
export async function ownMixBetween(access: TeamAccess, from: string, to: string) {
  const where = { teamId: access.teamId, authorId: access.userId, deletedAt: null, dateWorked: { gte: dateColumn(from), lte: dateColumn(to) } };
  const [byRole, byStage] = await Promise.all([
    prisma.activity.groupBy({ by: ["role"], where, _count: { _all: true }, _sum: { minutes: true } }),
    prisma.activity.groupBy({ by: ["stage"], where, _count: { _all: true }, _sum: { minutes: true } }),
  ]);
  return { byRole, byStage };
}
