// The taxonomy as versioned data: roles, stages, cues, confusable neighbours and canonical examples.
// Bump TAXONOMY_VERSION whenever a key, definition, cue list or canonical example changes meaning,
// so a team's stored model knows which taxonomy it was built on.
import type { LabelledExample, Locale, RoleKey, StageKey } from "../types";
import { CANONICAL_EN } from "./canonical-en";
import { CANONICAL_ZH } from "./canonical-zh";
import { ROLE_NEIGHBOURS, STAGE_NEIGHBOURS } from "./neighbours";
import { ROLES } from "./roles";
import { SEED_EXAMPLES } from "./seed-examples";
import { STAGES } from "./stages";

export const TAXONOMY_VERSION = "1.0.0";

/** Canonical entries plus the seed article's worked examples in both languages. */
const CANONICAL_EXAMPLES: readonly LabelledExample[] = [
  ...[...CANONICAL_ZH, ...CANONICAL_EN].map(([text, role, stage]) => ({ text, role, stage })),
  ...SEED_EXAMPLES.flatMap((s) => [
    { text: s.text, role: s.role, stage: s.stage },
    { text: s.textEn, role: s.role, stage: s.stage },
  ]),
];

export const TAXONOMY = {
  version: TAXONOMY_VERSION,
  roles: ROLES,
  stages: STAGES,
  roleNeighbours: ROLE_NEIGHBOURS,
  stageNeighbours: STAGE_NEIGHBOURS,
  canonicalExamples: CANONICAL_EXAMPLES,
} as const;

const ROLE_BY_KEY = new Map(ROLES.map((r) => [r.key, r]));
const STAGE_BY_KEY = new Map(STAGES.map((s) => [s.key, s]));

export function roleName(key: RoleKey, locale: Locale = "zh-CN"): string {
  const role = ROLE_BY_KEY.get(key);
  if (!role) return key;
  return locale === "en" ? role.name.en : role.name.zh;
}

export function stageName(key: StageKey, locale: Locale = "zh-CN"): string {
  const stage = STAGE_BY_KEY.get(key);
  if (!stage) return key;
  return locale === "en" ? stage.name.en : stage.name.zh;
}

export { ROLES, STAGES, ROLE_NEIGHBOURS, STAGE_NEIGHBOURS, SEED_EXAMPLES };
export type { RoleDefinition } from "./roles";
export type { StageDefinition } from "./stages";
export type { Neighbour } from "./neighbours";
export type { SeedExample } from "./seed-examples";
