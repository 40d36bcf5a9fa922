import "server-only";
// Practice scores, aggregated in SQL: a learner's accuracy per role and per stage and week by week, the team's
// onboarding progress for managers, and which tags people mix up (the team's own confusion pairs).
import { prisma } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { Forbidden } from "@/lib/errors";
import { ROLE_KEYS, STAGE_KEYS, type RoleKey, type StageKey } from "@/lib/tagging/types";
import type { TeamAccess } from "@/lib/teams/access";
import { canViewTeamProgress } from "./permissions";
import { weakestKey, type AccuracyRow } from "./quiz";

export interface ScoreSummary {
  total: number;
  /** Both tags right. */
  right: number;
  byRole: AccuracyRow[];
  byStage: AccuracyRow[];
  /** Week by week (Monday, YYYY-MM-DD), oldest first, the last WEEKS weeks with answers. */
  weekly: { week: string; total: number; right: number }[];
}

const WEEKS = 8;

interface RawAccuracy {
  key: string;
  total: number;
  right: number;
}

function fillKeys(keys: readonly string[], rows: RawAccuracy[]): AccuracyRow[] {
  const byKey = new Map(rows.map((row) => [row.key, row]));
  return keys.map((key) => ({ key, total: Number(byKey.get(key)?.total ?? 0), right: Number(byKey.get(key)?.right ?? 0) }));
}

/** Accuracy over the team's answers, or one learner's when `userId` is given. */
export async function practiceScores(teamId: string, userId?: string): Promise<ScoreSummary> {
  const scope = userId === undefined
    ? Prisma.sql`q."teamId" = ${teamId}`
    : Prisma.sql`q."teamId" = ${teamId} AND q."userId" = ${userId}`;
  const [byRole, byStage, overall, weekly] = await Promise.all([
    prisma.$queryRaw<RawAccuracy[]>(Prisma.sql`
      SELECT q."expectedRole"::text AS key, count(*)::int AS total,
        (count(*) FILTER (WHERE q."answeredRole" = q."expectedRole"))::int AS "right"
      FROM "QuizAnswer" q WHERE ${scope} GROUP BY 1`),
    prisma.$queryRaw<RawAccuracy[]>(Prisma.sql`
      SELECT q."expectedStage"::text AS key, count(*)::int AS total,
        (count(*) FILTER (WHERE q."answeredStage" = q."expectedStage"))::int AS "right"
      FROM "QuizAnswer" q WHERE ${scope} GROUP BY 1`),
    prisma.$queryRaw<{ total: number; right: number }[]>(Prisma.sql`
      SELECT count(*)::int AS total,
        (count(*) FILTER (WHERE q."answeredRole" = q."expectedRole" AND q."answeredStage" = q."expectedStage"))::int AS "right"
      FROM "QuizAnswer" q WHERE ${scope}`),
    prisma.$queryRaw<{ week: string; total: number; right: number }[]>(Prisma.sql`
      SELECT to_char(date_trunc('week', q."createdAt"), 'YYYY-MM-DD') AS week, count(*)::int AS total,
        (count(*) FILTER (WHERE q."answeredRole" = q."expectedRole" AND q."answeredStage" = q."expectedStage"))::int AS "right"
      FROM "QuizAnswer" q WHERE ${scope} GROUP BY 1 ORDER BY 1 DESC LIMIT ${WEEKS}`),
  ]);
  return {
    total: Number(overall[0]?.total ?? 0),
    right: Number(overall[0]?.right ?? 0),
    byRole: fillKeys(ROLE_KEYS, byRole),
    byStage: fillKeys(STAGE_KEYS, byStage),
    weekly: weekly.map((w) => ({ week: w.week, total: Number(w.total), right: Number(w.right) })).reverse(),
  };
}

export interface MemberProgress {
  userId: string;
  name: string;
  teamRole: "member" | "manager" | "admin";
  joinedAt: string;
  tourCompletedAt: string | null;
  answers: number;
  right: number;
  roleRight: number;
  stageRight: number;
  lastPracticeAt: string | null;
  weakestRole: RoleKey | null;
  weakestStage: StageKey | null;
}

/** Every member's onboarding progress (managers only). */
export async function teamProgress(access: TeamAccess): Promise<MemberProgress[]> {
  if (!canViewTeamProgress(access)) throw new Forbidden();
  const teamId = access.teamId;
  const [members, perRole, perStage] = await Promise.all([
    prisma.$queryRaw<
      { userId: string; name: string; role: string; joinedAt: Date; tourCompletedAt: Date | null; answers: number; right: number; roleRight: number; stageRight: number; lastAt: Date | null }[]
    >(Prisma.sql`
      SELECT m."userId", u."name", m."role"::text AS role, m."createdAt" AS "joinedAt", m."tourCompletedAt",
        count(q."id")::int AS answers,
        (count(q."id") FILTER (WHERE q."answeredRole" = q."expectedRole" AND q."answeredStage" = q."expectedStage"))::int AS "right",
        (count(q."id") FILTER (WHERE q."answeredRole" = q."expectedRole"))::int AS "roleRight",
        (count(q."id") FILTER (WHERE q."answeredStage" = q."expectedStage"))::int AS "stageRight",
        max(q."createdAt") AS "lastAt"
      FROM "Membership" m
      JOIN "User" u ON u."id" = m."userId"
      LEFT JOIN "QuizAnswer" q ON q."teamId" = m."teamId" AND q."userId" = m."userId"
      WHERE m."teamId" = ${teamId} AND u."disabledAt" IS NULL
      GROUP BY m."userId", u."name", m."role", m."createdAt", m."tourCompletedAt"
      ORDER BY m."createdAt" DESC`),
    prisma.$queryRaw<(RawAccuracy & { userId: string })[]>(Prisma.sql`
      SELECT q."userId", q."expectedRole"::text AS key, count(*)::int AS total,
        (count(*) FILTER (WHERE q."answeredRole" = q."expectedRole"))::int AS "right"
      FROM "QuizAnswer" q WHERE q."teamId" = ${teamId} GROUP BY 1, 2`),
    prisma.$queryRaw<(RawAccuracy & { userId: string })[]>(Prisma.sql`
      SELECT q."userId", q."expectedStage"::text AS key, count(*)::int AS total,
        (count(*) FILTER (WHERE q."answeredStage" = q."expectedStage"))::int AS "right"
      FROM "QuizAnswer" q WHERE q."teamId" = ${teamId} GROUP BY 1, 2`),
  ]);
  const rowsOf = (rows: (RawAccuracy & { userId: string })[], userId: string) =>
    rows.filter((r) => r.userId === userId).map((r) => ({ key: r.key, total: Number(r.total), right: Number(r.right) }));
  return members.map((m) => ({
    userId: m.userId,
    name: m.name,
    teamRole: m.role as MemberProgress["teamRole"],
    joinedAt: new Date(m.joinedAt).toISOString(),
    tourCompletedAt: m.tourCompletedAt ? new Date(m.tourCompletedAt).toISOString() : null,
    answers: Number(m.answers),
    right: Number(m.right),
    roleRight: Number(m.roleRight),
    stageRight: Number(m.stageRight),
    lastPracticeAt: m.lastAt ? new Date(m.lastAt).toISOString() : null,
    weakestRole: weakestKey(rowsOf(perRole, m.userId)) as RoleKey | null,
    weakestStage: weakestKey(rowsOf(perStage, m.userId)) as StageKey | null,
  }));
}

export interface MixUp<K extends string> {
  expected: K;
  answered: K;
  count: number;
}

/** Which role (or stage) learners in this team picked instead of the right one, most frequent first. */
export async function practiceMixUps(teamId: string, dimension: "role" | "stage", limit = 50): Promise<MixUp<string>[]> {
  const rows = dimension === "role"
    ? await prisma.$queryRaw<{ expected: string; answered: string; count: number }[]>(Prisma.sql`
        SELECT q."expectedRole"::text AS expected, q."answeredRole"::text AS answered, count(*)::int AS count
        FROM "QuizAnswer" q WHERE q."teamId" = ${teamId} AND q."answeredRole" <> q."expectedRole"
        GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT ${limit}`)
    : await prisma.$queryRaw<{ expected: string; answered: string; count: number }[]>(Prisma.sql`
        SELECT q."expectedStage"::text AS expected, q."answeredStage"::text AS answered, count(*)::int AS count
        FROM "QuizAnswer" q WHERE q."teamId" = ${teamId} AND q."answeredStage" <> q."expectedStage"
        GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT ${limit}`);
  return rows.map((r) => ({ expected: r.expected, answered: r.answered, count: Number(r.count) }));
}

/**
 * Where this team's people corrected the engine: entries first tagged `answered` (the engine's call) and corrected
 * to `expected`. Read from the audit trail of tag corrections, so it reflects the team's own work.
 */
export async function engineCorrections(teamId: string, dimension: "role" | "stage", limit = 50): Promise<MixUp<string>[]> {
  // A fixed literal, never user input: a bound parameter here would leave ->> ambiguous (text or int).
  const field = Prisma.raw(dimension === "role" ? "'role'" : "'stage'");
  const rows = await prisma.$queryRaw<{ expected: string | null; answered: string | null; count: number }[]>(Prisma.sql`
    SELECT a."detail"->'to'->>${field} AS expected, a."detail"->'from'->>${field} AS answered, count(*)::int AS count
    FROM "AuditEvent" a
    WHERE a."teamId" = ${teamId} AND a."action" = 'activity.tag.correct'
      AND (a."detail"->'from'->>${field}) IS NOT NULL
      AND (a."detail"->'from'->>${field}) IS DISTINCT FROM (a."detail"->'to'->>${field})
    GROUP BY 1, 2 ORDER BY 3 DESC LIMIT ${limit}`);
  return rows
    .filter((r): r is { expected: string; answered: string; count: number } => Boolean(r.expected && r.answered))
    .map((r) => ({ expected: r.expected, answered: r.answered, count: Number(r.count) }));
}
