import "server-only";
// Reading managers' comments (点评) as plain data: for the member they are about (My week, the entry lists), for the
// weekly digest, and per entry for the API. A deleted entry's comments are hidden with it (and come back on undo);
// whoever may not see the member's work never gets them (callers check, see lib/teams/permissions.ts canSeeComments).
import { prisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { dateColumn, isoFromDateColumn } from "@/lib/activities/rules";
import type { RoleKey, StageKey } from "@/lib/tagging";

export interface TagPair {
  role: RoleKey | null;
  stage: StageKey | null;
}

/** A comment as every reader gets it: no Prisma types, dates as ISO strings. */
export interface CommentDto {
  id: string;
  /** The manager who wrote it. */
  author: { id: string; name: string };
  /** The member whose entry or report it is about. */
  member: { id: string; name: string };
  /** What it is about: one entry (its text and date) or the member's weekly report for an ISO week. */
  on: { kind: "entry"; activityId: string; text: string; date: string } | { kind: "report"; week: string };
  /** The ISO week it belongs to (the entry's week when commented, or the report's). */
  week: string;
  text: string;
  /** The tag correction made with the comment, if any. */
  correction: { from: TagPair; to: TagPair } | null;
  createdAt: string;
  editedAt: string | null;
  /** When the member saw it on My week; null while unread. */
  seenAt: string | null;
}

export const COMMENT_SELECT = {
  id: true,
  week: true,
  text: true,
  correction: true,
  createdAt: true,
  editedAt: true,
  seenAt: true,
  author: { select: { id: true, name: true } },
  member: { select: { id: true, name: true } },
  activity: { select: { id: true, text: true, dateWorked: true } },
} as const satisfies Prisma.CommentSelect;

type CommentRow = Prisma.CommentGetPayload<{ select: typeof COMMENT_SELECT }>;

export function toCommentDto(row: CommentRow): CommentDto {
  return {
    id: row.id,
    author: row.author,
    member: row.member,
    on: row.activity
      ? { kind: "entry", activityId: row.activity.id, text: row.activity.text, date: isoFromDateColumn(row.activity.dateWorked) }
      : { kind: "report", week: row.week },
    week: row.week,
    text: row.text,
    correction: (row.correction as CommentDto["correction"]) ?? null,
    createdAt: row.createdAt.toISOString(),
    editedAt: row.editedAt?.toISOString() ?? null,
    seenAt: row.seenAt?.toISOString() ?? null,
  };
}

/** Comments on live entries and on reports: a deleted entry's comments stay out of sight. */
export function visibleComments(where: Prisma.CommentWhereInput): Prisma.CommentWhereInput {
  return { ...where, OR: [{ activityId: null }, { activity: { deletedAt: null } }] };
}

async function findComments(where: Prisma.CommentWhereInput, take = 500): Promise<CommentDto[]> {
  const rows = await prisma.comment.findMany({ where: visibleComments(where), orderBy: [{ createdAt: "asc" }, { id: "asc" }], take, select: COMMENT_SELECT });
  return rows.map(toCommentDto);
}

/** Comments about one member written since `since`, oldest first (the member's digest, reminders). */
export function commentsForMember(teamId: string, userId: string, since: Date): Promise<CommentDto[]> {
  return findComments({ teamId, memberId: userId, createdAt: { gte: since } });
}

/** Every comment in the team written since `since`, oldest first (the manager's weekly digest). */
export function commentsForDigest(teamId: string, since: Date): Promise<CommentDto[]> {
  return findComments({ teamId, createdAt: { gte: since } });
}

/** The comments on some entries of the team, by entry id (the entry lists and the API). */
export async function commentsOnEntries(teamId: string, activityIds: readonly string[]): Promise<Record<string, CommentDto[]>> {
  const byEntry: Record<string, CommentDto[]> = {};
  if (activityIds.length === 0) return byEntry;
  for (const comment of await findComments({ teamId, activityId: { in: [...activityIds] } }, 5000)) {
    if (comment.on.kind === "entry") (byEntry[comment.on.activityId] ??= []).push(comment);
  }
  return byEntry;
}

/** The comments on one member's weekly report. */
export function commentsOnReport(teamId: string, memberId: string, week: string): Promise<CommentDto[]> {
  return findComments({ teamId, memberId, activityId: null, week });
}

/**
 * What My week shows a member: comments on this week's entries and report, and every comment still unread
 * (whatever its week), newest first.
 */
export async function commentsForMyWeek(teamId: string, userId: string, week: string, from: string, to: string): Promise<CommentDto[]> {
  const thisWeek: Prisma.CommentWhereInput[] = [
    { activityId: null, week },
    { activity: { dateWorked: { gte: dateColumn(from), lte: dateColumn(to) } } },
    { seenAt: null },
  ];
  const rows = await findComments({ teamId, memberId: userId, AND: [{ OR: thisWeek }] });
  return rows.reverse();
}

/** How many comments the member has not seen yet (the badge on My week). */
export function unreadCommentCount(teamId: string, userId: string): Promise<number> {
  return prisma.comment.count({ where: visibleComments({ teamId, memberId: userId, seenAt: null }) });
}
