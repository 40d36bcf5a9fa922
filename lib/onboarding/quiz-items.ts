import "server-only";
// The practice quiz against the database: builds a learner's round from their own team's entries (golden
// examples, then confirmed entries they did not write, the seed article's starter set while the team has few),
// and checks and records an answer. The expected tags never leave the server before the learner answers.
import { prisma } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { getTeamTagging } from "@/lib/activities/team-model";
import { Invalid, NotFound } from "@/lib/errors";
import type { Locale } from "@/lib/i18n/locales";
import { isRoleKey, isStageKey, SEED_EXAMPLES, type Bilingual, type RoleKey, type StageKey } from "@/lib/tagging";
import type { TeamAccess } from "@/lib/teams/access";
import { buildFeedback, type QuizFeedback } from "./feedback";
import { confirmedInTeam } from "./library";
import { parseItemRef, selectQuizRound, STARTER_REF_PREFIX, type ItemHistory, type QuizCandidate, type QuizTier } from "./quiz";

/** What the client gets for one question: the text to tag, never the answer. */
export interface QuizItem {
  ref: string;
  text: string;
  tier: QuizTier;
}

/** How many recent confirmed entries a round draws from (older ones rotate in as the team logs more). */
const CONFIRMED_POOL = 400;

async function learnerHistory(teamId: string, userId: string): Promise<Map<string, ItemHistory>> {
  const rows = await prisma.$queryRaw<{ ref: string; correct: boolean; at: Date }[]>(Prisma.sql`
    SELECT DISTINCT ON (q."itemRef") q."itemRef" AS ref,
      (q."answeredRole" = q."expectedRole" AND q."answeredStage" = q."expectedStage") AS correct,
      q."createdAt" AS at
    FROM "QuizAnswer" q
    WHERE q."teamId" = ${teamId} AND q."userId" = ${userId}
    ORDER BY q."itemRef", q."createdAt" DESC`);
  return new Map(rows.map((row) => [row.ref, { lastCorrect: row.correct, lastAt: new Date(row.at).getTime() }]));
}

/** One practice round for the viewer of `access`, in their language. */
export async function buildQuizRound(access: TeamAccess, locale: Locale, size?: number): Promise<QuizItem[]> {
  const notMine = { ...confirmedInTeam(access.teamId), authorId: { not: access.userId } };
  const [pins, teamGoldenCount, confirmed, history] = await Promise.all([
    prisma.goldenExample.findMany({
      where: { teamId: access.teamId, activity: notMine },
      orderBy: { createdAt: "desc" },
      take: 200,
      select: { createdAt: true, activity: { select: { id: true, text: true, role: true, stage: true } } },
    }),
    prisma.goldenExample.count({ where: { teamId: access.teamId, activity: { deletedAt: null } } }),
    prisma.activity.findMany({
      where: { ...notMine, golden: { is: null } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: CONFIRMED_POOL,
      select: { id: true, text: true, role: true, stage: true },
    }),
    learnerHistory(access.teamId, access.userId),
  ]);

  const texts = new Map<string, string>();
  const candidates: QuizCandidate[] = [];
  for (const pin of pins) {
    texts.set(pin.activity.id, pin.activity.text);
    candidates.push({ ref: pin.activity.id, tier: "golden", role: pin.activity.role!, stage: pin.activity.stage!, pinnedAt: pin.createdAt.getTime() });
  }
  for (const row of confirmed) {
    texts.set(row.id, row.text);
    candidates.push({ ref: row.id, tier: "confirmed", role: row.role!, stage: row.stage! });
  }
  for (const seed of SEED_EXAMPLES) {
    const ref = `${STARTER_REF_PREFIX}${seed.key}`;
    texts.set(ref, locale === "en" ? seed.textEn : seed.text);
    candidates.push({ ref, tier: "starter", role: seed.role, stage: seed.stage });
  }

  return selectQuizRound({ candidates, history, teamGoldenCount, size }).map((c) => ({ ref: c.ref, text: texts.get(c.ref)!, tier: c.tier }));
}

interface ResolvedItem {
  ref: string;
  tier: QuizTier;
  text: string;
  role: RoleKey;
  stage: StageKey;
  comment: string | null;
  why: Bilingual | null;
}

/** The item behind a reference, from the learner's own team only; anything else is "not found". */
async function resolveItem(access: TeamAccess, rawRef: unknown, locale: Locale): Promise<ResolvedItem> {
  const parsed = parseItemRef(rawRef);
  if (!parsed) throw new NotFound();
  if (parsed.kind === "starter") {
    const seed = SEED_EXAMPLES.find((s) => s.key === parsed.key);
    if (!seed) throw new NotFound();
    return { ref: `${STARTER_REF_PREFIX}${seed.key}`, tier: "starter", text: locale === "en" ? seed.textEn : seed.text, role: seed.role, stage: seed.stage, comment: null, why: seed.why };
  }
  const activity = await prisma.activity.findFirst({
    where: { ...confirmedInTeam(access.teamId), id: parsed.id, authorId: { not: access.userId } },
    select: { id: true, text: true, role: true, stage: true, golden: { select: { comment: true } } },
  });
  if (!activity) throw new NotFound();
  return {
    ref: activity.id,
    tier: activity.golden ? "golden" : "confirmed",
    text: activity.text,
    role: activity.role as RoleKey,
    stage: activity.stage as StageKey,
    comment: activity.golden?.comment ?? null,
    why: null,
  };
}

/** Checks an answer, records it for the learner's scores and returns the feedback to show. */
export async function answerQuizItem(access: TeamAccess, rawRef: unknown, answer: { role: unknown; stage: unknown }, locale: Locale): Promise<QuizFeedback> {
  if (!isRoleKey(answer.role)) throw new Invalid("errors.roleInvalid");
  if (!isStageKey(answer.stage)) throw new Invalid("errors.stageInvalid");
  const item = await resolveItem(access, rawRef, locale);
  await prisma.quizAnswer.create({
    data: {
      teamId: access.teamId,
      userId: access.userId,
      itemRef: item.ref,
      expectedRole: item.role,
      expectedStage: item.stage,
      answeredRole: answer.role,
      answeredStage: answer.stage,
    },
  });
  const tagging = await getTeamTagging(access.teamId);
  return buildFeedback({
    tier: item.tier,
    expected: { role: item.role, stage: item.stage },
    answered: { role: answer.role, stage: answer.stage },
    engine: tagging.classify(item.text),
    comment: item.comment,
    why: item.why,
  });
}
