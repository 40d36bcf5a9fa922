import "server-only";
// Reading activities: filtered, keyset-paginated lists scoped to one team (and to the viewer's own entries
// unless they manage the team).
import { prisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { Invalid, NotFound } from "@/lib/errors";
import { isRoleKey, isStageKey, type RoleKey, type StageKey } from "@/lib/tagging";
import type { TeamAccess } from "@/lib/teams/access";
import { canViewActivity, canViewTeamEntries } from "./permissions";
import { dateColumn, isIsoDate } from "./rules";
import { ACTIVITY_SELECT, toActivityDto, type ActivityDto } from "./serialize";

export interface ActivityFilters {
  from?: string;
  to?: string;
  /** A member's user id or email. */
  member?: string;
  role?: RoleKey;
  stage?: StageKey;
  q?: string;
  needsReview?: boolean;
  /** "untagged" lists entries the engine has not tagged. */
  cursor?: string;
  limit?: number;
}

export const PAGE_MAX = 200;

/** Parses filters from URL search params (UI and API share it); bad values are a 400, never "everything". */
export function parseActivityFilters(params: URLSearchParams): ActivityFilters {
  const filters: ActivityFilters = {};
  const get = (name: string) => {
    const value = params.get(name);
    if (value?.includes("\u0000")) throw new Invalid();
    return value === null || value === "" ? undefined : value.slice(0, 200);
  };
  const from = get("from");
  const to = get("to");
  if (from !== undefined) {
    if (!isIsoDate(from)) throw new Invalid("errors.dateInvalid");
    filters.from = from;
  }
  if (to !== undefined) {
    if (!isIsoDate(to)) throw new Invalid("errors.dateInvalid");
    filters.to = to;
  }
  const role = get("role");
  if (role !== undefined) {
    if (!isRoleKey(role)) throw new Invalid("errors.roleInvalid");
    filters.role = role;
  }
  const stage = get("stage");
  if (stage !== undefined) {
    if (!isStageKey(stage)) throw new Invalid("errors.stageInvalid");
    filters.stage = stage;
  }
  const member = get("member");
  if (member !== undefined) filters.member = member;
  const q = get("q");
  if (q !== undefined) filters.q = q.trim().slice(0, 100);
  const review = get("needsReview");
  if (review === "1" || review === "true") filters.needsReview = true;
  const cursor = get("cursor");
  if (cursor !== undefined) filters.cursor = cursor;
  const limit = get("limit");
  if (limit !== undefined) {
    const n = Number(limit);
    if (!Number.isInteger(n) || n < 1 || n > PAGE_MAX) throw new Invalid();
    filters.limit = n;
  }
  return filters;
}

function encodeCursor(row: { dateWorked: Date; createdAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify([row.dateWorked.toISOString().slice(0, 10), row.createdAt.toISOString(), row.id])).toString("base64url");
}

function decodeCursor(cursor: string): { date: string; createdAt: Date; id: string } {
  try {
    const [date, createdAt, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [string, string, string];
    const created = new Date(createdAt);
    if (!isIsoDate(date) || Number.isNaN(created.getTime()) || typeof id !== "string") throw new Error();
    return { date, createdAt: created, id };
  } catch {
    throw new Invalid();
  }
}

/** The Prisma where clause for these filters inside the viewer's team; shared by lists, exports and reports. */
export async function activityWhere(access: TeamAccess, filters: ActivityFilters): Promise<Prisma.ActivityWhereInput> {
  const where: Prisma.ActivityWhereInput = { teamId: access.teamId, deletedAt: null };
  if (!canViewTeamEntries(access)) where.authorId = access.userId;
  if (filters.member) {
    const member = await prisma.membership.findFirst({
      where: { teamId: access.teamId, user: filters.member.includes("@") ? { email: filters.member.toLowerCase() } : { id: filters.member } },
      select: { userId: true },
    });
    // A member outside the team (or someone else, for a plain member) matches nothing rather than everything.
    if (!member || (where.authorId && where.authorId !== member.userId)) where.id = "__none__";
    else where.authorId = member.userId;
  }
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
  const limit = filters.limit ?? 50;
  const where = await activityWhere(access, filters);
  if (filters.cursor) {
    const c = decodeCursor(filters.cursor);
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
    nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]!) : null,
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
