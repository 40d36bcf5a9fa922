// What a learner sees after answering a practice question: the right tags, the cues the engine reads, the
// manager's or the article's reason, and how the tag they picked differs from the right one. Pure data.
import { ROLE_NEIGHBOURS, STAGE_NEIGHBOURS } from "@/lib/tagging/taxonomy";
import type { Bilingual, RoleKey, StageKey, TagResult } from "@/lib/tagging/types";
import { scoreAnswer, type QuizTier, type QuizVerdict } from "./quiz";

export interface Difference<K extends string> {
  /** Read as "<key>, unlike <unlike>: <differs>". */
  key: K;
  unlike: K;
  differs: Bilingual;
}

export interface QuizFeedback {
  tier: QuizTier;
  verdict: QuizVerdict;
  expected: { role: RoleKey; stage: StageKey };
  answered: { role: RoleKey; stage: StageKey };
  /** The strongest cues the team's engine reads in the entry's text. */
  cues: { role: string[]; stage: string[] };
  /** The engine's own tags for the text (they can differ from the team's confirmed tags). */
  engine: { role: RoleKey; stage: StageKey };
  /** A manager's reason for pinning the entry as a golden example. */
  comment: string | null;
  /** The seed article's reason, for starter examples. */
  why: Bilingual | null;
  roleDifference: Difference<RoleKey> | null;
  stageDifference: Difference<StageKey> | null;
}

/**
 * The taxonomy's "how it differs" line for a confusable pair, read from the right key's side when the
 * taxonomy lists the pair there, else from the picked key's side; null for pairs it does not list.
 */
export function differenceBetween<K extends string>(
  neighbours: Record<K, readonly { key: K; differs: Bilingual }[]>,
  expected: K,
  answered: K,
): Difference<K> | null {
  if (expected === answered) return null;
  const fromExpected = neighbours[expected]?.find((n) => n.key === answered);
  if (fromExpected) return { key: expected, unlike: answered, differs: fromExpected.differs };
  const fromAnswered = neighbours[answered]?.find((n) => n.key === expected);
  if (fromAnswered) return { key: answered, unlike: expected, differs: fromAnswered.differs };
  return null;
}

/**
 * The taxonomy's confusable neighbours of `key`: those it lists itself, then those that list it (their
 * "how it differs" line names both, so it reads well from either side).
 */
export function confusablePairs(all: Record<string, readonly { key: string; differs: Bilingual }[]>, key: string): { key: string; differs: Bilingual }[] {
  const own = [...(all[key] ?? [])];
  const reverse = Object.entries(all)
    .filter(([other, list]) => other !== key && !own.some((n) => n.key === other) && list.some((n) => n.key === key))
    .map(([other, list]) => ({ key: other, differs: list.find((n) => n.key === key)!.differs }));
  return [...own, ...reverse];
}

export function buildFeedback(input: {
  tier: QuizTier;
  expected: { role: RoleKey; stage: StageKey };
  answered: { role: RoleKey; stage: StageKey };
  engine: Pick<TagResult, "role" | "stage" | "explanation">;
  comment?: string | null;
  why?: Bilingual | null;
}): QuizFeedback {
  const { expected, answered, engine } = input;
  const cueList = (cues: { cue: string; weight: number }[] | undefined) =>
    (cues ?? []).filter((c) => c.weight > 0).slice(0, 5).map((c) => c.cue);
  return {
    tier: input.tier,
    verdict: scoreAnswer(expected, answered),
    expected,
    answered,
    cues: { role: cueList(engine.explanation.roleCues), stage: cueList(engine.explanation.stageCues) },
    engine: { role: engine.role, stage: engine.stage },
    comment: input.comment ?? null,
    why: input.why ?? null,
    roleDifference: differenceBetween(ROLE_NEIGHBOURS, expected.role, answered.role),
    stageDifference: differenceBetween(STAGE_NEIGHBOURS, expected.stage, answered.stage),
  };
}
