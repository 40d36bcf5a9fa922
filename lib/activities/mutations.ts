import "server-only";
// Writing activities: create (one or many, idempotent), edit with optimistic concurrency, confirm/correct tags
// (which teaches the team's model), delete and undo. Callers pass the TeamAccess their permission check returned.
import { randomUUID } from "node:crypto";
import { prisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { recordAudit } from "@/lib/audit/record";
import { Conflict, Forbidden, Invalid, NotFound } from "@/lib/errors";
import { isRoleKey, isStageKey, type RoleKey, type StageKey, type TagResult } from "@/lib/tagging";
import type { TeamAccess } from "@/lib/teams/access";
import { canDeleteActivity, canEditActivity, canRestoreActivity, canRetagActivity } from "./permissions";
import { BATCH_MAX, dateColumn, normaliseActivityText, normaliseDateWorked, normaliseMinutes } from "./rules";
import { ACTIVITY_SELECT, toActivityDto, type ActivityDto } from "./serialize";
import { applyLearning, forgetEntryText, recordJudgements, teachesAtOnce, writeJudgedTags, type Judgement, type LearningOutcome } from "./learning";
import { insertActivities, type NewActivityRow } from "./insert";
import { tagColumns } from "./tag-columns";
import { getTeamTagging } from "./team-model";

export interface NewActivityInput {
  text: unknown;
  date?: unknown;
  minutes?: unknown;
}

export interface ValidNewActivity {
  text: string;
  date: string;
  minutes: number | null;
}

/** Validates every item first: one bad item rejects the whole batch, naming its index. */
export function validateNewActivities(items: NewActivityInput[], timeZone: string): ValidNewActivity[] {
  if (items.length === 0) throw new Invalid("errors.textRequired");
  if (items.length > BATCH_MAX) throw new Invalid("errors.tooManyEntries", { max: BATCH_MAX });
  return items.map((item, index) => {
    try {
      // A hand-made request may send anything as an item: only an object's text, date and minutes are read.
      const { text, date, minutes } = typeof item === "object" && item !== null ? item : ({} as NewActivityInput);
      return {
        text: normaliseActivityText(text),
        date: normaliseDateWorked(date, timeZone),
        minutes: normaliseMinutes(minutes),
      };
    } catch (error) {
      if (error instanceof Invalid && items.length > 1) throw new Invalid(error.messageKey, { ...error.details, index });
      throw error;
    }
  });
}

/**
 * Creates the activities, tagged by the team's model, in one transaction. With an idempotency key a repeated
 * submit (a retry, a double click, 20 concurrent copies) returns the rows the first one created.
 */
export async function createActivities(
  access: TeamAccess,
  items: NewActivityInput[],
  options: { idempotencyKey?: string | null; author?: ActivityDto["author"] } = {},
): Promise<{ activities: ActivityDto[]; replayed: boolean }> {
  const valid = validateNewActivities(items, access.timeZone);
  const key = options.idempotencyKey?.slice(0, 100) || null;
  const tagging = await getTeamTagging(access.teamId, access.tagging);
  const data: NewActivityRow[] = valid.map((item, index) => ({
    id: randomUUID(),
    text: item.text,
    date: item.date,
    minutes: item.minutes,
    idempotencyKey: key ? (valid.length > 1 ? `${key}:${index}` : key) : null,
    ...tagColumns(tagging.classify(item.text)),
  }));
  const now = new Date();
  const inserted = await insertActivities(access.teamId, access.userId, data, now);
  // All new (the usual case) and the caller knows the author: the rows as written are the answer, no second read.
  if (options.author && inserted.size === data.length) {
    const author = options.author;
    const activities = data.map((row) =>
      toActivityDto({
        ...row,
        dateWorked: dateColumn(row.date),
        tagSource: "auto",
        tagPending: false,
        version: 1,
        authorId: access.userId,
        createdAt: now,
        updatedAt: now,
        author,
      }),
    );
    return { activities, replayed: false };
  }
  let replayed = false;
  let ids = data.map((row) => row.id).filter((id) => inserted.has(id));
  if (key && inserted.size < data.length) {
    replayed = true;
    const keys = data.map((row) => row.idempotencyKey!);
    const existing = await prisma.activity.findMany({
      where: { teamId: access.teamId, authorId: access.userId, idempotencyKey: { in: keys } },
      select: { id: true, idempotencyKey: true },
    });
    const byKey = new Map(existing.map((row) => [row.idempotencyKey, row.id]));
    ids = keys.map((k) => byKey.get(k)).filter((id): id is string => Boolean(id));
  }
  const rows = await prisma.activity.findMany({ where: { id: { in: ids }, teamId: access.teamId }, select: ACTIVITY_SELECT });
  const order = new Map(ids.map((id, index) => [id, index]));
  rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  return { activities: rows.map((row) => toActivityDto(row)), replayed };
}

export interface ActivityPatch {
  version: unknown;
  text?: unknown;
  date?: unknown;
  minutes?: unknown;
  role?: unknown;
  stage?: unknown;
}

async function findOwnTeamActivity(access: TeamAccess, id: string) {
  if (typeof id !== "string" || id.length > 64) throw new NotFound();
  const activity = await prisma.activity.findFirst({
    where: { id, teamId: access.teamId, deletedAt: null },
    select: { id: true, authorId: true, text: true, role: true, stage: true, version: true, tagSource: true, tagPending: true },
  });
  if (!activity) throw new NotFound();
  return activity;
}

/**
 * Edits an activity. A role or stage in the patch is a human judgement: "confirmed" when it matches the
 * engine's tag, "corrected" otherwise, and either way a training example for the team's model.
 */
export async function updateActivity(access: TeamAccess, id: string, patch: ActivityPatch): Promise<ActivityDto> {
  const activity = await findOwnTeamActivity(access, id);
  if (typeof patch.version !== "number" || !Number.isInteger(patch.version)) throw new Invalid("errors.versionRequired");
  const editsContent = patch.text !== undefined || patch.date !== undefined || patch.minutes !== undefined;
  const editsTags = patch.role !== undefined || patch.stage !== undefined;
  if (!editsContent && !editsTags) throw new Invalid();
  if (editsContent && !canEditActivity(access, activity)) throw new Forbidden();
  if (editsTags && !canRetagActivity(access, activity)) throw new Forbidden();
  if (patch.role !== undefined && !isRoleKey(patch.role)) throw new Invalid("errors.roleInvalid");
  if (patch.stage !== undefined && !isStageKey(patch.stage)) throw new Invalid("errors.stageInvalid");
  if (patch.version !== activity.version) throw new Conflict();

  const data: Prisma.ActivityUpdateManyMutationInput = { version: { increment: 1 } };
  let text = activity.text;
  if (patch.text !== undefined) {
    text = normaliseActivityText(patch.text);
    data.text = text;
  }
  if (patch.date !== undefined) data.dateWorked = dateColumn(normaliseDateWorked(patch.date, access.timeZone));
  if (patch.minutes !== undefined) data.minutes = normaliseMinutes(patch.minutes);

  let judged: Judgement | null = null;
  if (editsTags) {
    const role = (patch.role as RoleKey | undefined) ?? (activity.role as RoleKey | null);
    const stage = (patch.stage as StageKey | undefined) ?? (activity.stage as StageKey | null);
    if (!role) throw new Invalid("errors.roleInvalid");
    if (!stage) throw new Invalid("errors.stageInvalid");
    judged = { activityId: id, text, role, stage, before: { role: activity.role, stage: activity.stage } };
    const changed = role !== activity.role || stage !== activity.stage;
    Object.assign(data, {
      role,
      stage,
      needsReview: false,
      tagSource: changed || activity.tagSource === "corrected" ? "corrected" : "confirmed",
    });
  } else if (data.text !== undefined && text !== activity.text && activity.tagSource === "auto") {
    Object.assign(data, tagColumns((await getTeamTagging(access.teamId)).classify(text)));
  }

  const outcome = await prisma.$transaction(async (tx) => {
    const updated = await tx.activity.updateMany({ where: { id, teamId: access.teamId, version: activity.version, deletedAt: null }, data });
    if (updated.count !== 1) throw new Conflict();
    const learning: LearningOutcome[] = [];
    // The old wording leaves the team model (and others' "why?") before any new judgement is recorded.
    if (text !== activity.text) learning.push(await forgetEntryText(tx, access.teamId, id, activity.text, judged ? null : text));
    if (judged) learning.push(await recordJudgements(tx, access, [judged], await teachesAtOnce(access, tx)));
    const row = await tx.activity.findUniqueOrThrow({ where: { id }, select: ACTIVITY_SELECT });
    return { row, learning };
  });
  for (const learning of outcome.learning) applyLearning(learning);
  return toActivityDto(outcome.row);
}

export interface RetagItem {
  id: string;
  version: number;
}

/**
 * Confirms or re-tags several entries in one transaction (a manager reviewing the team's entries): the team model
 * learns them as one batch, with one version bump. Entries changed meanwhile (stale version) count as conflicts.
 */
export async function retagActivities(
  access: TeamAccess,
  items: RetagItem[],
  tags: { role?: unknown; stage?: unknown; confirm?: boolean },
): Promise<{ updated: number; conflicts: number }> {
  if (tags.role !== undefined && !isRoleKey(tags.role)) throw new Invalid("errors.roleInvalid");
  if (tags.stage !== undefined && !isStageKey(tags.stage)) throw new Invalid("errors.stageInvalid");
  if (!tags.confirm && tags.role === undefined && tags.stage === undefined) throw new Invalid();
  const ids = items.map((item) => item.id);
  if (ids.some((itemId) => typeof itemId !== "string" || itemId.length > 64)) throw new NotFound();
  const rows = await prisma.activity.findMany({
    where: { id: { in: ids }, teamId: access.teamId, deletedAt: null },
    select: { id: true, authorId: true, text: true, role: true, stage: true, version: true, tagSource: true },
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  if (items.some((item) => !byId.has(item.id))) throw new NotFound();
  if (rows.some((row) => !canRetagActivity(access, row))) throw new Forbidden();
  const outcome = await prisma.$transaction(async (tx) => {
    const judgements: Judgement[] = [];
    let conflicts = 0;
    for (const item of items) {
      const row = byId.get(item.id)!;
      const role = ((tags.confirm ? undefined : tags.role) as RoleKey | undefined) ?? (row.role as RoleKey | null);
      const stage = ((tags.confirm ? undefined : tags.stage) as StageKey | undefined) ?? (row.stage as StageKey | null);
      const judged = item.version === row.version && role && stage ? await writeJudgedTags(tx, access, row, role, stage) : null;
      if (judged) judgements.push(judged);
      else conflicts++;
    }
    const learning = await recordJudgements(tx, access, judgements, await teachesAtOnce(access, tx));
    return { updated: judgements.length, conflicts, learning };
  });
  applyLearning(outcome.learning);
  return { updated: outcome.updated, conflicts: outcome.conflicts };
}

export async function deleteActivity(access: TeamAccess, id: string): Promise<void> {
  const activity = await findOwnTeamActivity(access, id);
  if (!canDeleteActivity(access, activity)) throw new Forbidden();
  const learning = await prisma.$transaction(async (tx) => {
    const deleted = await tx.activity.updateMany({
      where: { id, teamId: access.teamId, deletedAt: null },
      data: { deletedAt: new Date(), deletedById: access.userId, version: { increment: 1 } },
    });
    if (deleted.count !== 1) throw new NotFound();
    // What the team model learned from the entry goes with it (an undo does not teach it again).
    return forgetEntryText(tx, access.teamId, id, activity.text, null);
  });
  applyLearning(learning);
  if (activity.authorId !== access.userId) {
    await recordAudit({ action: "activity.delete", teamId: access.teamId, actorId: access.userId, targetType: "activity", targetId: id });
  }
}

/** Undo of a delete, always audited: whoever deleted it brings it back, or an admin (see canRestoreActivity). */
export async function restoreActivity(access: TeamAccess, id: string): Promise<ActivityDto> {
  if (typeof id !== "string" || id.length > 64) throw new NotFound();
  const activity = await prisma.activity.findFirst({
    where: { id, teamId: access.teamId, deletedAt: { not: null } },
    select: { authorId: true, deletedById: true },
  });
  if (!activity || !canRestoreActivity(access, activity)) throw new NotFound();
  const restored = await prisma.activity.updateMany({
    where: { id, teamId: access.teamId, deletedAt: { not: null } },
    data: { deletedAt: null, deletedById: null, version: { increment: 1 } },
  });
  if (restored.count !== 1) throw new NotFound();
  await recordAudit({
    action: "activity.restore",
    teamId: access.teamId,
    actorId: access.userId,
    targetType: "activity",
    targetId: id,
    detail: { deletedBy: activity.deletedById },
  });
  return toActivityDto(await prisma.activity.findUniqueOrThrow({ where: { id }, select: ACTIVITY_SELECT }));
}
