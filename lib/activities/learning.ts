import "server-only";
// "A correction teaches the team", in one place: who may teach at once and whose correction waits for a manager
// (the suggested corrections), accepting and rejecting suggestions, and keeping the team model in step when a
// learned entry is edited or deleted. Writes happen inside the caller's transaction; the in-process model cache
// is told afterwards (applyLearning), so a rolled-back write never teaches.
import { prisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { Conflict, Invalid, NotFound } from "@/lib/errors";
import type { LabelledExample, RoleKey, StageKey } from "@/lib/tagging";
import type { TeamAccess } from "@/lib/teams/access";
import { canReviewCorrections, correctionTeachesAtOnce } from "./permissions";
import { tagColumns } from "./tag-columns";
import { getTeamTagging, learnInCache, rebuildInBackground } from "./team-model";

type Tx = Prisma.TransactionClient;

/** A person's judgement of one entry's tags. */
export interface Judgement {
  activityId: string;
  text: string;
  role: RoleKey;
  stage: StageKey;
  /** The entry's tags before the judgement (equal to role/stage for a confirmation). */
  before: { role: string | null; stage: string | null };
}

/** What a committed write means for the team model; hand it to applyLearning after the transaction. */
export interface LearningOutcome {
  teamId: string;
  /** Examples to teach incrementally when the cache is at `from`. */
  learned: LabelledExample[];
  from: number;
  to: number;
  /** Something learned was replaced or removed: only a rebuild gives the right model. */
  rebuild: boolean;
}

const NOTHING = (teamId: string): LearningOutcome => ({ teamId, learned: [], from: 0, to: 0, rebuild: false });

/** The maximum number of suggestions accepted or rejected in one go. */
export const SUGGESTIONS_BATCH_MAX = 500;

/** Whether this person's corrections teach the team model at once (managers, admins, or everyone in a trusting team). */
export async function teachesAtOnce(access: TeamAccess, db: Tx | typeof prisma = prisma): Promise<boolean> {
  const team = await db.team.findUniqueOrThrow({ where: { id: access.teamId }, select: { trustMemberCorrections: true } });
  return correctionTeachesAtOnce(access, team.trustMemberCorrections);
}

async function bumpVersion(tx: Tx, teamId: string): Promise<{ from: number; to: number }> {
  const team = await tx.team.update({ where: { id: teamId }, data: { modelVersion: { increment: 1 } }, select: { modelVersion: true } });
  return { from: team.modelVersion - 1, to: team.modelVersion };
}

/**
 * Records judgements of entries (already applied to the entries by the caller) as the team's examples: taught at once
 * when `teaches`, otherwise kept as suggestions for a manager. However many judgements, the version moves once.
 * The entries' `tagPending` flag is set here so the library only shows what a manager stands behind.
 */
export async function recordJudgements(tx: Tx, access: TeamAccess, judgements: readonly Judgement[], teaches: boolean): Promise<LearningOutcome> {
  if (judgements.length === 0) return NOTHING(access.teamId);
  const ids = judgements.map((j) => j.activityId);
  const previous = await tx.trainingExample.findMany({ where: { teamId: access.teamId, activityId: { in: ids } }, select: { activityId: true, pending: true } });
  // A judgement that replaces an example the model already learned cannot be taught incrementally.
  const replacesLearned = previous.some((row) => !row.pending);
  for (const j of judgements) {
    const fields = { text: j.text, role: j.role, stage: j.stage, createdById: access.userId, pending: !teaches };
    await tx.trainingExample.upsert({
      where: { teamId_activityId: { teamId: access.teamId, activityId: j.activityId } },
      create: { teamId: access.teamId, activityId: j.activityId, ...fields },
      update: { ...fields, createdAt: new Date() },
    });
  }
  await tx.activity.updateMany({ where: { teamId: access.teamId, id: { in: ids } }, data: { tagPending: !teaches } });
  await tx.auditEvent.createMany({
    data: judgements.map((j) => ({
      action: !teaches ? "activity.tag.suggest" : j.before.role === j.role && j.before.stage === j.stage ? "activity.tag.confirm" : "activity.tag.correct",
      teamId: access.teamId,
      actorId: access.userId,
      targetType: "activity",
      targetId: j.activityId,
      detail: { from: j.before, to: { role: j.role, stage: j.stage } },
    })),
  });
  if (!teaches && !replacesLearned) return NOTHING(access.teamId);
  const versions = await bumpVersion(tx, access.teamId);
  const learned = teaches ? judgements.map(({ text, role, stage }) => ({ text, role, stage })) : [];
  return { teamId: access.teamId, learned, ...versions, rebuild: replacesLearned };
}

/** An entry as read before a judgement of its tags. */
export interface JudgedEntry {
  id: string;
  text: string;
  role: string | null;
  stage: string | null;
  version: number;
  tagSource: string;
}

/**
 * Writes a person's tags onto an entry, if it is still at the version they read: "confirmed" when the tags stay,
 * "corrected" when they change (or were corrected before). Returns the judgement to record, or null when the entry
 * changed meanwhile.
 */
export async function writeJudgedTags(tx: Tx, access: TeamAccess, entry: JudgedEntry, role: RoleKey, stage: StageKey): Promise<Judgement | null> {
  const changed = role !== entry.role || stage !== entry.stage;
  const updated = await tx.activity.updateMany({
    where: { id: entry.id, teamId: access.teamId, version: entry.version, deletedAt: null },
    data: { role, stage, needsReview: false, version: { increment: 1 }, tagSource: changed || entry.tagSource === "corrected" ? "corrected" : "confirmed" },
  });
  if (updated.count !== 1) return null;
  return { activityId: entry.id, text: entry.text, role, stage, before: { role: entry.role, stage: entry.stage } };
}

/**
 * One entry's tags corrected by a person (a manager commenting on it, say) inside the caller's transaction:
 * applied to the entry and recorded as a judgement that teaches at once when the person's corrections do (managers'
 * always). An entry changed since it was read is a Conflict, so the caller's whole write rolls back.
 */
export async function correctEntryTags(tx: Tx, access: TeamAccess, entry: JudgedEntry, to: { role: RoleKey; stage: StageKey }): Promise<LearningOutcome> {
  const judged = await writeJudgedTags(tx, access, entry, to.role, to.stage);
  if (!judged) throw new Conflict();
  return recordJudgements(tx, access, [judged], await teachesAtOnce(access, tx));
}

/** After the transaction committed: teach this process's cached model, or start its rebuild. */
export function applyLearning(outcome: LearningOutcome): void {
  if (outcome.to === 0) return;
  if (outcome.rebuild) rebuildInBackground(outcome.teamId, outcome.to);
  else learnInCache(outcome.teamId, outcome.from, outcome.to, outcome.learned);
}

/**
 * A learned entry's text is gone or changed: the team model must forget the old wording, and other entries' saved
 * "why?" must stop quoting it as their nearest team example. `newText` null means the entry was deleted.
 */
export async function forgetEntryText(tx: Tx, teamId: string, activityId: string, oldText: string, newText: string | null): Promise<LearningOutcome> {
  const example = await tx.trainingExample.findUnique({ where: { teamId_activityId: { teamId, activityId } }, select: { id: true, pending: true } });
  if (!example) return NOTHING(teamId);
  if (newText === null) await tx.trainingExample.delete({ where: { id: example.id } });
  else await tx.trainingExample.update({ where: { id: example.id }, data: { text: newText } });
  if (example.pending) return NOTHING(teamId);
  await tx.$executeRaw`
    UPDATE "Activity" SET explanation = explanation - 'nearest'
    WHERE "teamId" = ${teamId} AND explanation -> 'nearest' ->> 'source' = 'team' AND explanation -> 'nearest' ->> 'text' = ${oldText}`;
  const versions = await bumpVersion(tx, teamId);
  return { teamId, learned: [], ...versions, rebuild: true };
}

export interface Suggestion {
  id: string;
  activityId: string;
  text: string;
  date: string;
  role: RoleKey;
  stage: StageKey;
  author: string;
  suggestedBy: string;
  suggestedAt: string;
}

/** The team's suggested corrections, oldest first (managers only; another team's are never read). */
export async function listSuggestions(access: TeamAccess, limit = 200): Promise<{ suggestions: Suggestion[]; total: number }> {
  if (!canReviewCorrections(access)) throw new NotFound();
  const where = { teamId: access.teamId, pending: true };
  const [rows, total] = await Promise.all([
    prisma.trainingExample.findMany({ where, orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: limit, select: { id: true, activityId: true, text: true, role: true, stage: true, createdById: true, createdAt: true } }),
    prisma.trainingExample.count({ where }),
  ]);
  const activityIds = rows.map((row) => row.activityId).filter((id): id is string => Boolean(id));
  const [activities, people] = await Promise.all([
    prisma.activity.findMany({ where: { teamId: access.teamId, id: { in: activityIds }, deletedAt: null }, select: { id: true, dateWorked: true, author: { select: { name: true } } } }),
    prisma.user.findMany({
      where: { id: { in: rows.map((row) => row.createdById).filter((id): id is string => Boolean(id)) }, memberships: { some: { teamId: access.teamId } } },
      select: { id: true, name: true },
    }),
  ]);
  const activityById = new Map(activities.map((a) => [a.id, a]));
  const nameById = new Map(people.map((p) => [p.id, p.name]));
  const suggestions = rows.flatMap((row) => {
    const activity = row.activityId ? activityById.get(row.activityId) : undefined;
    if (!activity) return [];
    return [{
      id: row.id,
      activityId: activity.id,
      text: row.text,
      date: activity.dateWorked.toISOString().slice(0, 10),
      role: row.role as RoleKey,
      stage: row.stage as StageKey,
      author: activity.author.name,
      suggestedBy: (row.createdById && nameById.get(row.createdById)) || "",
      suggestedAt: row.createdAt.toISOString(),
    }];
  });
  return { suggestions, total };
}

/** How many suggested corrections wait for a manager (0 for people who cannot review them). */
export async function countSuggestions(access: TeamAccess): Promise<number> {
  if (!canReviewCorrections(access)) return 0;
  return prisma.trainingExample.count({ where: { teamId: access.teamId, pending: true } });
}

function checkIds(ids: unknown): string[] {
  if (!Array.isArray(ids) || ids.length === 0) throw new Invalid("learning.errors.noneSelected");
  if (ids.length > SUGGESTIONS_BATCH_MAX) throw new Invalid("learning.errors.tooMany", { max: SUGGESTIONS_BATCH_MAX });
  if (ids.some((id) => typeof id !== "string" || id.length > 64)) throw new Invalid("learning.errors.noneSelected");
  return [...new Set(ids as string[])];
}

/**
 * A manager accepts suggested corrections: they teach the team model (one version bump for the batch) and their
 * entries join the library. Suggestions that are gone (accepted, rejected, deleted, another team's) are skipped;
 * when none is left the answer is "not found".
 */
export async function acceptSuggestions(access: TeamAccess, ids: unknown): Promise<{ accepted: number }> {
  if (!canReviewCorrections(access)) throw new NotFound();
  const wanted = checkIds(ids);
  const outcome = await prisma.$transaction(async (tx) => {
    const rows = await tx.trainingExample.findMany({
      where: { teamId: access.teamId, pending: true, id: { in: wanted } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, activityId: true, text: true, role: true, stage: true },
    });
    if (rows.length === 0) throw new NotFound();
    // Learned from now on: the rebuild order (createdAt) matches the order the cache learns them in.
    await tx.trainingExample.updateMany({ where: { teamId: access.teamId, id: { in: rows.map((r) => r.id) } }, data: { pending: false, createdAt: new Date() } });
    const activityIds = rows.map((r) => r.activityId).filter((id): id is string => Boolean(id));
    await tx.activity.updateMany({ where: { teamId: access.teamId, id: { in: activityIds } }, data: { tagPending: false } });
    await tx.auditEvent.createMany({
      data: rows.map((r) => ({ action: "activity.tag.accept", teamId: access.teamId, actorId: access.userId, targetType: "activity", targetId: r.activityId ?? r.id, detail: { role: r.role, stage: r.stage } })),
    });
    const versions = await bumpVersion(tx, access.teamId);
    const learned = rows.map(({ text, role, stage }) => ({ text, role: role as RoleKey, stage: stage as StageKey }));
    return { teamId: access.teamId, learned, ...versions, rebuild: false } satisfies LearningOutcome;
  });
  applyLearning(outcome);
  return { accepted: outcome.learned.length };
}

/**
 * A manager rejects suggested corrections: nothing is learned, and each entry goes back to the team model's own
 * tag (marked as automatic again), so the library never shows the rejected call.
 */
export async function rejectSuggestions(access: TeamAccess, ids: unknown): Promise<{ rejected: number }> {
  if (!canReviewCorrections(access)) throw new NotFound();
  const wanted = checkIds(ids);
  const tagging = await getTeamTagging(access.teamId);
  const rejected = await prisma.$transaction(async (tx) => {
    const rows = await tx.trainingExample.findMany({ where: { teamId: access.teamId, pending: true, id: { in: wanted } }, select: { id: true, activityId: true, role: true, stage: true } });
    if (rows.length === 0) throw new NotFound();
    await tx.trainingExample.deleteMany({ where: { teamId: access.teamId, id: { in: rows.map((r) => r.id) } } });
    const activities = await tx.activity.findMany({
      where: { teamId: access.teamId, id: { in: rows.map((r) => r.activityId).filter((id): id is string => Boolean(id)) } },
      select: { id: true, text: true },
    });
    for (const activity of activities) {
      const tag = tagging.classify(activity.text);
      await tx.activity.update({
        where: { id: activity.id },
        data: {
          ...tagColumns(tag),
          tagSource: "auto",
          tagPending: false,
          version: { increment: 1 },
        },
      });
    }
    await tx.auditEvent.createMany({
      data: rows.map((r) => ({ action: "activity.tag.reject", teamId: access.teamId, actorId: access.userId, targetType: "activity", targetId: r.activityId ?? r.id, detail: { role: r.role, stage: r.stage } })),
    });
    return rows.length;
  });
  return { rejected };
}

/** A manager's switch: do members' corrections teach at once? */
export async function setTrustMemberCorrections(access: TeamAccess, trust: boolean): Promise<void> {
  if (!canReviewCorrections(access)) throw new NotFound();
  await prisma.$transaction(async (tx) => {
    await tx.team.update({ where: { id: access.teamId }, data: { trustMemberCorrections: trust } });
    await tx.auditEvent.create({ data: { action: "team.corrections.trust", teamId: access.teamId, actorId: access.userId, targetType: "team", targetId: access.teamId, detail: { trust } } });
  });
}

export async function trustsMemberCorrections(access: TeamAccess): Promise<boolean> {
  const team = await prisma.team.findUniqueOrThrow({ where: { id: access.teamId }, select: { trustMemberCorrections: true } });
  return team.trustMemberCorrections;
}
