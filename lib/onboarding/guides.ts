import "server-only";
// Role and stage guides: the taxonomy's definition and cue words, what this team's entries for it look like,
// and how it differs from its confusable neighbours, with the team's own mix-ups and corrections as evidence.
import { prisma } from "@/lib/db/client";
import type { Locale } from "@/lib/i18n/locales";
import { ROLE_NEIGHBOURS, ROLES, STAGE_NEIGHBOURS, STAGES, type RoleKey, type StageKey } from "@/lib/tagging";
import type { TeamAccess } from "@/lib/teams/access";
import { confusablePairs } from "./feedback";
import { confirmedInTeam, starterExamples, teamExamplesFor, type LibraryExample } from "./library";
import { engineCorrections, practiceMixUps, type MixUp } from "./scores";

export type GuideKind = "role" | "stage";

export interface GuideNeighbour {
  key: string;
  differs: string;
  /** Practice answers in this team that confused the two (either way round). */
  practiceMixUps: number;
  /** Entries in this team whose tag people corrected between the two (either way round). */
  corrections: number;
  /** One of this team's entries for the neighbour, to compare with. */
  example: LibraryExample | null;
}

export interface Guide {
  kind: GuideKind;
  key: string;
  name: string;
  definition: string;
  cues: string[];
  neighbours: GuideNeighbour[];
  /** Pairs this team confuses that the taxonomy does not list as neighbours. */
  otherMixUps: { key: string; count: number }[];
  teamExamples: LibraryExample[];
  starter: LibraryExample[];
  /** How the team's confirmed entries for this key spread over the other dimension. */
  spread: { key: string; count: number }[];
  totalConfirmed: number;
}

const CUES_SHOWN = 18;

function pairCount(rows: MixUp<string>[], a: string, b: string): number {
  return rows.filter((r) => (r.expected === a && r.answered === b) || (r.expected === b && r.answered === a)).reduce((sum, r) => sum + r.count, 0);
}

async function spreadOf(access: TeamAccess, kind: GuideKind, key: string): Promise<{ key: string; count: number }[]> {
  const byCount = (a: { count: number }, b: { count: number }) => b.count - a.count;
  if (kind === "role") {
    const rows = await prisma.activity.groupBy({ by: ["stage"], where: { ...confirmedInTeam(access.teamId), role: key as RoleKey }, _count: { _all: true } });
    return rows.map((row) => ({ key: String(row.stage), count: row._count._all })).sort(byCount);
  }
  const rows = await prisma.activity.groupBy({ by: ["role"], where: { ...confirmedInTeam(access.teamId), stage: key as StageKey }, _count: { _all: true } });
  return rows.map((row) => ({ key: String(row.role), count: row._count._all })).sort(byCount);
}

export async function buildGuide(access: TeamAccess, kind: GuideKind, key: string, locale: Locale): Promise<Guide | null> {
  const definition = kind === "role" ? ROLES.find((r) => r.key === key) : STAGES.find((s) => s.key === key);
  if (!definition) return null;
  const zh = locale !== "en";
  const taxonomyNeighbours = confusablePairs(kind === "role" ? ROLE_NEIGHBOURS : STAGE_NEIGHBOURS, key);
  const filterFor = (k: string) => (kind === "role" ? { role: k as RoleKey } : { stage: k as StageKey });

  const [mixUps, corrections, teamExamples, spread, neighbourExamples] = await Promise.all([
    practiceMixUps(access.teamId, kind),
    engineCorrections(access.teamId, kind),
    teamExamplesFor(access, filterFor(key), 6),
    spreadOf(access, kind, key),
    Promise.all(taxonomyNeighbours.map((n) => teamExamplesFor(access, filterFor(n.key), 1))),
  ]);

  const listed = new Set<string>([key, ...taxonomyNeighbours.map((n) => n.key)]);
  const others = new Map<string, number>();
  for (const row of [...mixUps, ...corrections]) {
    const other = row.expected === key ? row.answered : row.answered === key ? row.expected : null;
    if (other && !listed.has(other)) others.set(other, (others.get(other) ?? 0) + row.count);
  }

  return {
    kind,
    key,
    name: zh ? definition.name.zh : definition.name.en,
    definition: zh ? definition.definition.zh : definition.definition.en,
    cues: [...(zh ? definition.cues.zh : definition.cues.en)].slice(0, CUES_SHOWN),
    neighbours: taxonomyNeighbours.map((n, i) => ({
      key: n.key,
      differs: zh ? n.differs.zh : n.differs.en,
      practiceMixUps: pairCount(mixUps, key, n.key),
      corrections: pairCount(corrections, key, n.key),
      example: neighbourExamples[i][0] ?? null,
    })),
    otherMixUps: [...others.entries()].map(([k, count]) => ({ key: k, count })).sort((a, b) => b.count - a.count).slice(0, 3),
    teamExamples,
    starter: starterExamples(locale, filterFor(key)),
    spread,
    totalConfirmed: spread.reduce((sum, s) => sum + s.count, 0),
  };
}

export interface TaxonomyEntry {
  key: string;
  name: string;
  definition: string;
  /** A few cue words, for a first impression. */
  cues: string[];
}

/** The eight roles and five stages with their definitions, in the viewer's language (index and tour). */
export function taxonomySummary(locale: Locale): { roles: TaxonomyEntry[]; stages: TaxonomyEntry[] } {
  const zh = locale !== "en";
  const entry = (d: { key: string; name: { zh: string; en: string }; definition: { zh: string; en: string }; cues: { zh: readonly string[]; en: readonly string[] } }) => ({
    key: d.key,
    name: zh ? d.name.zh : d.name.en,
    definition: zh ? d.definition.zh : d.definition.en,
    cues: (zh ? d.cues.zh : d.cues.en).filter((cue) => cue !== (zh ? d.name.zh : d.name.en)).slice(0, 6),
  });
  return { roles: ROLES.map(entry), stages: STAGES.map(entry) };
}
