import "server-only";
// Writing managers' comments (点评): on one entry (optionally correcting its tags: a manager's correction, taught to the
// team at once through lib/activities/learning.ts) or on a member's weekly report; editing and deleting one's own;
// the member marking them seen. Callers pass the TeamAccess their permission check returned; every write is audited.
import { prisma } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { Forbidden, Invalid, NotFound } from "@/lib/errors";
import { applyLearning, correctEntryTags, type LearningOutcome } from "@/lib/activities/learning";
import { isoFromDateColumn } from "@/lib/activities/rules";
import { isoWeekOf, isoWeekRange } from "@/lib/reports/iso-week";
import { isRoleKey, isStageKey, type RoleKey, type StageKey } from "@/lib/tagging";
import type { TeamAccess } from "@/lib/teams/access";
import { canComment, canEditComment } from "@/lib/teams/permissions";
import { COMMENT_MAX } from "./limits";
import { COMMENT_SELECT, toCommentDto, type CommentDto } from "./queries";

export { COMMENT_MAX };

/** Plain text: NFC, no control characters (line breaks kept), trimmed; empty or too long is a translated error. */
export function normaliseCommentText(raw: unknown): string {
  if (typeof raw !== "string") throw new Invalid("comments.errors.textRequired");
  const text = raw
    .normalize("NFC")
    .replace(/\r\n?/g, "\n")
    .replace(/[\u0000-\u0009\u000b-\u001f\u007f\u200b\u2028\u2029]/g, "")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  if (!text) throw new Invalid("comments.errors.textRequired");
  if (text.length > COMMENT_MAX) throw new Invalid("comments.errors.textTooLong", { max: COMMENT_MAX, length: text.length });
  return text;
}

function checkId(id: unknown): string {
  if (typeof id !== "string" || id.length === 0 || id.length > 64) throw new NotFound();
  return id;
}

export interface EntryCommentInput {
  activityId: unknown;
  text: unknown;
  /** New tags picked while commenting ("" or absent: leave the tag as it is). */
  role?: unknown;
  stage?: unknown;
  /** The entry's version the manager saw: required when the tags change, so a correction never lands on a newer edit. */
  version?: unknown;
}

/** A manager comments on a team member's entry, and may correct its role and/or stage with the same submit. */
export async function commentOnEntry(access: TeamAccess, input: EntryCommentInput): Promise<CommentDto> {
  if (!canComment(access)) throw new Forbidden();
  const activityId = checkId(input.activityId);
  const entry = await prisma.activity.findFirst({
    where: { id: activityId, teamId: access.teamId, deletedAt: null },
    select: { id: true, authorId: true, text: true, role: true, stage: true, version: true, tagSource: true, dateWorked: true },
  });
  if (!entry) throw new NotFound();
  const text = normaliseCommentText(input.text);
  const pick = (value: unknown) => (value === undefined || value === null || value === "" ? undefined : value);
  const role = pick(input.role);
  const stage = pick(input.stage);
  if (role !== undefined && !isRoleKey(role)) throw new Invalid("errors.roleInvalid");
  if (stage !== undefined && !isStageKey(stage)) throw new Invalid("errors.stageInvalid");
  const to = { role: (role ?? entry.role) as RoleKey | null, stage: (stage ?? entry.stage) as StageKey | null };
  const retags = to.role !== entry.role || to.stage !== entry.stage;
  if (retags) {
    if (!to.role) throw new Invalid("errors.roleInvalid");
    if (!to.stage) throw new Invalid("errors.stageInvalid");
    if (typeof input.version !== "number" || !Number.isInteger(input.version)) throw new Invalid("errors.versionRequired");
  }
  const correction = retags ? { from: { role: entry.role, stage: entry.stage }, to } : null;
  const { comment, learning } = await prisma.$transaction(async (tx) => {
    let learning: LearningOutcome | null = null;
    if (retags) learning = await correctEntryTags(tx, access, { ...entry, version: input.version as number }, to as { role: RoleKey; stage: StageKey });
    const comment = await tx.comment.create({
      data: { teamId: access.teamId, authorId: access.userId, memberId: entry.authorId, activityId: entry.id, week: isoWeekOf(isoFromDateColumn(entry.dateWorked)), text, correction: correction ?? undefined },
      select: COMMENT_SELECT,
    });
    await tx.auditEvent.create({
      data: { action: "comment.create", teamId: access.teamId, actorId: access.userId, targetType: "activity", targetId: entry.id, detail: { commentId: comment.id, memberId: entry.authorId, correction } },
    });
    return { comment, learning };
  });
  if (learning) applyLearning(learning);
  return toCommentDto(comment);
}

/** A manager comments on a member's weekly report (ISO week "YYYY-Www"). */
export async function commentOnReport(access: TeamAccess, input: { member: unknown; week: unknown; text: unknown }): Promise<CommentDto> {
  if (!canComment(access)) throw new Forbidden();
  const memberId = checkId(input.member);
  const membership = await prisma.membership.findUnique({ where: { teamId_userId: { teamId: access.teamId, userId: memberId } }, select: { id: true } });
  if (!membership) throw new NotFound();
  if (typeof input.week !== "string") throw new Invalid("rhythm.errors.weekInvalid", { example: isoWeekOf("2026-12-07") });
  const week = input.week.trim();
  isoWeekRange(week);
  const text = normaliseCommentText(input.text);
  const comment = await prisma.$transaction(async (tx) => {
    const comment = await tx.comment.create({ data: { teamId: access.teamId, authorId: access.userId, memberId, week, text }, select: COMMENT_SELECT });
    await tx.auditEvent.create({
      data: { action: "comment.create", teamId: access.teamId, actorId: access.userId, targetType: "report", targetId: `${memberId}:${week}`, detail: { commentId: comment.id, memberId, week } },
    });
    return comment;
  });
  return toCommentDto(comment);
}

/** The comment, if it is this team's and the viewer wrote it: another team's (or a missing one) is "not found". */
async function ownComment(access: TeamAccess, id: unknown) {
  const comment = await prisma.comment.findFirst({ where: { id: checkId(id), teamId: access.teamId }, select: { id: true, authorId: true, memberId: true } });
  if (!comment) throw new NotFound();
  if (!canEditComment(access, comment)) throw new Forbidden();
  return comment;
}

/** Its author rewrites a comment (a tag correction made with it stays as made). */
export async function editComment(access: TeamAccess, id: unknown, rawText: unknown): Promise<CommentDto> {
  const comment = await ownComment(access, id);
  const text = normaliseCommentText(rawText);
  const updated = await prisma.$transaction(async (tx) => {
    const row = await tx.comment.update({ where: { id: comment.id }, data: { text, editedAt: new Date() }, select: COMMENT_SELECT });
    await tx.auditEvent.create({ data: { action: "comment.edit", teamId: access.teamId, actorId: access.userId, targetType: "comment", targetId: comment.id, detail: { memberId: comment.memberId } } });
    return row;
  });
  return toCommentDto(updated);
}

/** Its author deletes a comment (a tag correction made with it stays: it is the entry's tag now). */
export async function deleteComment(access: TeamAccess, id: unknown): Promise<void> {
  const comment = await ownComment(access, id);
  await prisma.$transaction(async (tx) => {
    await tx.comment.delete({ where: { id: comment.id } });
    await tx.auditEvent.create({ data: { action: "comment.delete", teamId: access.teamId, actorId: access.userId, targetType: "comment", targetId: comment.id, detail: { memberId: comment.memberId } } });
  });
}

/** The member has seen these comments about them (others' comments, or another team's, are left alone). Repeating it is harmless. */
export async function markCommentsSeen(access: TeamAccess, ids: unknown): Promise<{ seen: number }> {
  if (!Array.isArray(ids) || ids.length > 500 || ids.some((id) => typeof id !== "string" || id.length > 64)) throw new Invalid();
  if (ids.length === 0) return { seen: 0 };
  const mine = { teamId: access.teamId, memberId: access.userId, id: { in: ids as string[] } };
  // None of them about the viewer (someone else's, another team's, gone): "not found", as for any record.
  if ((await prisma.comment.count({ where: mine })) === 0) throw new NotFound();
  const { count } = await prisma.comment.updateMany({ where: { ...mine, seenAt: null }, data: { seenAt: new Date() } });
  return { seen: count };
}
