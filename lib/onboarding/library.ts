import "server-only";
// The example library: the team's confirmed entries by role × stage, its golden examples, and the seed
// article's starter set. Every query is scoped by the team id the caller's access check returned.
import { prisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { isoFromDateColumn } from "@/lib/activities/rules";
import { recordAudit } from "@/lib/audit/record";
import { Forbidden } from "@/lib/errors";
import type { Locale } from "@/lib/i18n/locales";
import { SEED_EXAMPLES, type Bilingual, type RoleKey, type StageKey } from "@/lib/tagging";
import type { TeamAccess } from "@/lib/teams/access";
import { canChangeLibrarySettings } from "./permissions";
import { STARTER_GOLDEN_MIN, STARTER_REF_PREFIX } from "./quiz";

export interface LibraryFilter {
  role?: RoleKey;
  stage?: StageKey;
  /** Free-text search in the entry's text. */
  q?: string;
}

export interface LibraryExample {
  /** An activity id, or "seed:<key>" for a starter example. */
  ref: string;
  kind: "golden" | "starter" | "confirmed";
  text: string;
  role: RoleKey;
  stage: StageKey;
  /** Date worked (YYYY-MM-DD); null for starter examples. */
  date: string | null;
  /** The author's name; null when the team hides names, and for starter examples. */
  author: string | null;
  /** Written by the viewer (shown as "you" even when names are hidden). */
  mine: boolean;
  golden: { comment: string; pinnedBy: string | null; pinnedAt: string } | null;
  /** The seed article's reason, for starter examples. */
  why: Bilingual | null;
}

export interface GridCell {
  role: RoleKey;
  stage: StageKey;
  count: number;
  golden: number;
}

const HUMAN_TAGGED = ["confirmed", "corrected"] as const;

/** Live entries of this team whose tags a person confirmed or corrected (and no manager still has to accept): the only ones worth learning from. */
export function confirmedInTeam(teamId: string): Prisma.ActivityWhereInput {
  return { teamId, deletedAt: null, tagSource: { in: [...HUMAN_TAGGED] }, tagPending: false, role: { not: null }, stage: { not: null } };
}

function filterWhere(filter: LibraryFilter): Prisma.ActivityWhereInput {
  const where: Prisma.ActivityWhereInput = {};
  if (filter.role) where.role = filter.role;
  if (filter.stage) where.stage = filter.stage;
  if (filter.q) where.text = { contains: filter.q, mode: "insensitive" };
  return where;
}

export async function libraryHidesNames(teamId: string): Promise<boolean> {
  const team = await prisma.team.findUnique({ where: { id: teamId }, select: { hideLibraryNames: true } });
  return team?.hideLibraryNames ?? false;
}

/** Confirmed entries and golden examples per role × stage, counted in SQL. */
export async function exampleGrid(access: TeamAccess): Promise<GridCell[]> {
  const where = confirmedInTeam(access.teamId);
  const [all, golden] = await Promise.all([
    prisma.activity.groupBy({ by: ["role", "stage"], where, _count: { _all: true } }),
    prisma.activity.groupBy({ by: ["role", "stage"], where: { ...where, golden: { isNot: null } }, _count: { _all: true } }),
  ]);
  const goldenByCell = new Map(golden.map((row) => [`${row.role}:${row.stage}`, row._count._all]));
  return all.map((row) => ({
    role: row.role as RoleKey,
    stage: row.stage as StageKey,
    count: row._count._all,
    golden: goldenByCell.get(`${row.role}:${row.stage}`) ?? 0,
  }));
}

const EXAMPLE_SELECT = {
  id: true,
  text: true,
  role: true,
  stage: true,
  dateWorked: true,
  authorId: true,
  author: { select: { name: true } },
  golden: { select: { comment: true, pinnedById: true, createdAt: true } },
} as const;

type ExampleRow = Prisma.ActivityGetPayload<{ select: typeof EXAMPLE_SELECT }>;

async function toExamples(access: TeamAccess, rows: ExampleRow[], hideNames: boolean): Promise<LibraryExample[]> {
  const pinnerIds = [...new Set(rows.flatMap((row) => (row.golden ? [row.golden.pinnedById] : [])))];
  // Pinners are looked up among this team's members only.
  const pinners = hideNames || pinnerIds.length === 0
    ? []
    : await prisma.membership.findMany({ where: { teamId: access.teamId, userId: { in: pinnerIds } }, select: { userId: true, user: { select: { name: true } } } });
  const pinnerName = new Map(pinners.map((p) => [p.userId, p.user.name]));
  return rows.map((row) => ({
    ref: row.id,
    kind: row.golden ? "golden" : "confirmed",
    text: row.text,
    role: row.role as RoleKey,
    stage: row.stage as StageKey,
    date: isoFromDateColumn(row.dateWorked),
    author: hideNames ? null : row.author.name,
    mine: row.authorId === access.userId,
    golden: row.golden
      ? { comment: row.golden.comment, pinnedBy: pinnerName.get(row.golden.pinnedById) ?? null, pinnedAt: row.golden.createdAt.toISOString() }
      : null,
    why: null,
  }));
}

/** The team's golden examples matching the filter, the latest pin first. */
export async function listGoldenExamples(access: TeamAccess, filter: LibraryFilter = {}, limit = 50): Promise<LibraryExample[]> {
  const [pins, hideNames] = await Promise.all([
    prisma.goldenExample.findMany({
      where: { teamId: access.teamId, activity: { ...confirmedInTeam(access.teamId), ...filterWhere(filter) } },
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      take: limit,
      select: { activity: { select: EXAMPLE_SELECT } },
    }),
    libraryHidesNames(access.teamId),
  ]);
  return toExamples(access, pins.map((pin) => pin.activity), hideNames);
}

export const LIBRARY_PAGE_SIZE = 30;

/** Confirmed entries that are not golden, newest first, a page at a time. */
export async function listConfirmedExamples(
  access: TeamAccess,
  filter: LibraryFilter = {},
  page = 1,
  pageSize = LIBRARY_PAGE_SIZE,
): Promise<{ examples: LibraryExample[]; hasMore: boolean; total: number }> {
  const where: Prisma.ActivityWhereInput = { ...confirmedInTeam(access.teamId), ...filterWhere(filter), golden: { is: null } };
  const safePage = Number.isInteger(page) && page > 0 && page <= 1000 ? page : 1;
  const [rows, total, hideNames] = await Promise.all([
    prisma.activity.findMany({
      where,
      orderBy: [{ dateWorked: "desc" }, { createdAt: "desc" }, { id: "desc" }],
      skip: (safePage - 1) * pageSize,
      take: pageSize + 1,
      select: EXAMPLE_SELECT,
    }),
    prisma.activity.count({ where }),
    libraryHidesNames(access.teamId),
  ]);
  return { examples: await toExamples(access, rows.slice(0, pageSize), hideNames), hasMore: rows.length > pageSize, total };
}

/** Golden examples first, then the latest confirmed entries: "what this team's entries for it look like". */
export async function teamExamplesFor(access: TeamAccess, filter: LibraryFilter, limit = 6): Promise<LibraryExample[]> {
  const golden = await listGoldenExamples(access, filter, limit);
  if (golden.length >= limit) return golden;
  const { examples } = await listConfirmedExamples(access, filter, 1, limit - golden.length);
  return [...golden, ...examples];
}

/** Golden examples the team has pinned on live entries. */
export async function countGoldenExamples(teamId: string): Promise<number> {
  return prisma.goldenExample.count({ where: { teamId, activity: { deletedAt: null } } });
}

/** The seed article's worked examples as library items, in the viewer's language. */
export function starterExamples(locale: Locale, filter: LibraryFilter = {}): LibraryExample[] {
  const q = filter.q?.toLowerCase();
  return SEED_EXAMPLES.filter(
    (seed) =>
      (!filter.role || seed.role === filter.role) &&
      (!filter.stage || seed.stage === filter.stage) &&
      (!q || seed.text.toLowerCase().includes(q) || seed.textEn.toLowerCase().includes(q)),
  ).map((seed) => ({
    ref: `${STARTER_REF_PREFIX}${seed.key}`,
    kind: "starter" as const,
    text: locale === "en" ? seed.textEn : seed.text,
    role: seed.role,
    stage: seed.stage,
    date: null,
    author: null,
    mine: false,
    golden: null,
    why: seed.why,
  }));
}

/** Whether the starter set still leads (the team has fewer golden examples of its own than STARTER_GOLDEN_MIN). */
export function starterSetLeads(teamGoldenCount: number): boolean {
  return teamGoldenCount < STARTER_GOLDEN_MIN;
}

export async function setLibraryHidesNames(access: TeamAccess, hide: boolean): Promise<void> {
  if (!canChangeLibrarySettings(access)) throw new Forbidden();
  await prisma.team.update({ where: { id: access.teamId }, data: { hideLibraryNames: hide } });
  await recordAudit({ action: "team.library.names", teamId: access.teamId, actorId: access.userId, targetType: "team", targetId: access.teamId, detail: { hidden: hide } });
}
