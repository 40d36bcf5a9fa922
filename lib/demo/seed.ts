// The demo workspace: a team of eight with twelve weeks of realistic entries, tagged by the engine, a few of them
// corrected by a reviewer. Everything it creates is marked (Team.isDemo, Activity.isDemo, users at DEMO_EMAIL_DOMAIN)
// so deleteDemo removes it in one step. Each person who explores gets a demo team of their own: a shared one would
// show every explorer's name to people of other teams, and let one explorer's entries or deletion reach the others. Takes the Prisma client as an argument: the CLI, the app and the
// benchmarks each pass their own.
import { randomUUID } from "node:crypto";
import type { PrismaClient, Prisma } from "@/lib/db/generated/client";
import { addDays, dateColumn, todayIn } from "@/lib/activities/rules";
import { DEMO_EMAIL_DOMAIN } from "@/lib/auth/email";
import { DEFAULT_REVIEW_THRESHOLD, getBaseModel, type RoleKey } from "@/lib/tagging";
import { DEMO_PERSONAS, DEMO_TEMPLATES, type DemoPersona, type DemoTemplate } from "./templates";

export { DEMO_EMAIL_DOMAIN };
export const DEMO_SLUG = "demo";
/** Never a valid argon2 hash: demo members cannot sign in. */
const NO_LOGIN = "!demo-account";
const REVIEW_THRESHOLD = DEFAULT_REVIEW_THRESHOLD;

export interface SeedDemoOptions {
  /** Reference "now" (tests pin it). */
  now?: Date;
  weeks?: number;
  slug?: string;
  name?: string;
  timeZone?: string;
  /** Seed of the pseudo-random generator: the same seed gives the same workspace. */
  seed?: number;
  /** The demo team is this user's own (they manage it); an existing one of theirs is reused. */
  ownerUserId?: string;
  /** Build a new demo team even when one exists. */
  fresh?: boolean;
}

export interface SeedDemoResult {
  teamId: string;
  slug: string;
  members: number;
  activities: number;
  corrections: number;
  reused: boolean;
}

/** mulberry32: small, fast, good enough for plausible demo data, and reproducible. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    weighted: <T>(items: readonly (readonly [T, number])[]): T => {
      const total = items.reduce((sum, [, w]) => sum + w, 0);
      let r = next() * total;
      for (const [item, w] of items) if ((r -= w) < 0) return item;
      return items[items.length - 1]![0];
    },
  };
}

type Random = ReturnType<typeof generator>;

function roleWeights(persona: DemoPersona, progress: number): [RoleKey, number][] {
  const keys = new Set([...Object.keys(persona.start), ...Object.keys(persona.end)] as RoleKey[]);
  return [...keys].map((key) => [key, (persona.start[key] ?? 0) * (1 - progress) + (persona.end[key] ?? 0) * progress]);
}

function fill(text: string, random: Random): string {
  return text.replace(/\{n\}/g, () => String(random.int(6, 240))).replace(/\{m\}/g, () => String(random.int(2, 30)));
}

const MINUTES = [15, 20, 30, 30, 45, 60, 60, 90, 120, 180];

async function demoTeamSlug(prisma: PrismaClient, wanted: string): Promise<string> {
  if (!(await prisma.team.findUnique({ where: { slug: wanted }, select: { id: true } }))) return wanted;
  return `${wanted}-${randomUUID().slice(0, 6)}`;
}

export async function findDemoTeam(prisma: PrismaClient, ownerUserId?: string): Promise<{ id: string; slug: string } | null> {
  return prisma.team.findFirst({
    where: { isDemo: true, ...(ownerUserId ? { memberships: { some: { userId: ownerUserId } } } : {}) },
    orderBy: { createdAt: "asc" },
    select: { id: true, slug: true },
  });
}

export async function seedDemo(prisma: PrismaClient, options: SeedDemoOptions = {}): Promise<SeedDemoResult> {
  if (!options.fresh) {
    const existing = await findDemoTeam(prisma, options.ownerUserId);
    if (existing) {
      const [members, activities, corrections] = await Promise.all([
        prisma.membership.count({ where: { teamId: existing.id } }),
        prisma.activity.count({ where: { teamId: existing.id } }),
        prisma.activity.count({ where: { teamId: existing.id, tagSource: "corrected" } }),
      ]);
      return { teamId: existing.id, slug: existing.slug, members, activities, corrections, reused: true };
    }
  }
  const random = generator(options.seed ?? 20250301);
  const timeZone = options.timeZone ?? "Asia/Shanghai";
  const weeks = options.weeks ?? 12;
  const today = todayIn(timeZone, options.now ?? new Date());
  const weekday = (iso: string) => (new Date(`${iso}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0
  const firstMonday = addDays(today, -weekday(today) - 7 * (weeks - 1));
  const totalDays = weekday(today) + 7 * (weeks - 1) + 1;
  // The last weeks get no referral work, so a newcomer sees the dashboard call out a starved stage.
  const quietFrom = addDays(firstMonday, 7 * (weeks - 3));

  const slug = await demoTeamSlug(prisma, options.slug ?? DEMO_SLUG);
  const team = await prisma.team.create({
    data: { slug, name: options.name ?? "演示团队 Demo", timeZone, isDemo: true, reviewThreshold: REVIEW_THRESHOLD },
    select: { id: true },
  });
  const users: { persona: DemoPersona; id: string }[] = [];
  for (const persona of DEMO_PERSONAS) {
    // Each demo team has demo people of its own (the team id is in the address): one shared person would carry
    // what is logged in one explorer's demo into every other's. The domain is reserved (see isReservedEmail).
    const email = `demo-${persona.key}-${team.id}@${DEMO_EMAIL_DOMAIN}`;
    const user = await prisma.user.create({
      data: { email, name: persona.name, passwordHash: NO_LOGIN, locale: persona.zh > 0.5 ? "zh-CN" : "en" },
      select: { id: true },
    });
    await prisma.membership.create({ data: { teamId: team.id, userId: user.id, role: persona.teamRole } });
    users.push({ persona, id: user.id });
  }

  const model = getBaseModel();
  const byRole = new Map<RoleKey, DemoTemplate[]>();
  for (const template of DEMO_TEMPLATES) byRole.set(template.role, [...(byRole.get(template.role) ?? []), template]);
  const activities: Prisma.ActivityCreateManyInput[] = [];
  const examples: Prisma.TrainingExampleCreateManyInput[] = [];
  let corrections = 0;
  const reviewer = users.find((u) => u.persona.teamRole === "manager")!.id;

  for (let day = 0; day < totalDays; day++) {
    const date = addDays(firstMonday, day);
    const dow = weekday(date);
    const quiet = date >= quietFrom;
    for (const { persona, id: authorId } of users) {
      // Weekends mostly off; the odd day off or out of office.
      if ((dow >= 5 && random.next() > 0.08) || random.next() < 0.06) continue;
      const count = random.int(...persona.entriesPerDay);
      for (let i = 0; i < count; i++) {
        const role = random.weighted(roleWeights(persona, day / totalDays));
        const candidates = byRole.get(role)!.filter((tpl) => !(quiet && tpl.stage === "referral"));
        const template = random.weighted(candidates.map((tpl) => [tpl, tpl.stage === "referral" ? 0.35 : 1] as const));
        const text = fill(random.next() < persona.zh ? template.zh : template.en, random);
        const tag = model.classify(text, { reviewThreshold: REVIEW_THRESHOLD });
        const agrees = tag.role === template.role && tag.stage === template.stage;
        // A reviewer corrects some disagreements (and every stray referral tag in the quiet weeks).
        const correct = !agrees && (random.next() < 0.25 || (quiet && tag.stage === "referral"));
        const confirm = agrees && random.next() < 0.15;
        const activityId = randomUUID();
        const createdAt = new Date(Date.parse(`${date}T01:00:00Z`) + random.int(0, 10 * 60) * 60_000);
        activities.push({
          id: activityId,
          teamId: team.id,
          authorId,
          text,
          dateWorked: dateColumn(date),
          minutes: random.next() < persona.logsMinutes ? random.pick(MINUTES) : null,
          role: correct ? template.role : tag.role,
          stage: correct ? template.stage : tag.stage,
          tagSource: correct ? "corrected" : confirm ? "confirmed" : "auto",
          roleConfidence: tag.confidence.role,
          stageConfidence: tag.confidence.stage,
          needsReview: correct || confirm ? false : tag.needsReview,
          explanation: tag.explanation as unknown as Prisma.InputJsonValue,
          isDemo: true,
          createdAt,
          updatedAt: createdAt,
        });
        if (correct || confirm) {
          if (correct) corrections++;
          examples.push({ teamId: team.id, activityId, text, role: template.role, stage: template.stage, createdById: correct ? reviewer : authorId, createdAt });
        }
      }
    }
  }
  for (let i = 0; i < activities.length; i += 1000) await prisma.activity.createMany({ data: activities.slice(i, i + 1000) });
  examples.sort((a, b) => +(a.createdAt as Date) - +(b.createdAt as Date));
  for (let i = 0; i < examples.length; i += 1000) await prisma.trainingExample.createMany({ data: examples.slice(i, i + 1000) });
  await prisma.team.update({ where: { id: team.id }, data: { modelVersion: examples.length } });
  if (options.ownerUserId) await addDemoManager(prisma, team.id, options.ownerUserId);
  return { teamId: team.id, slug, members: users.length, activities: activities.length, corrections, reused: false };
}

async function addDemoManager(prisma: PrismaClient, teamId: string, userId: string): Promise<void> {
  await prisma.membership.upsert({ where: { teamId_userId: { teamId, userId } }, create: { teamId, userId, role: "manager" }, update: {} });
}

/**
 * Removes one demo team (with its entries, targets and examples), or every demo team when none is named; then the
 * demo members no demo team has left. Real users and real teams are never touched.
 */
export async function deleteDemo(prisma: PrismaClient, teamId?: string): Promise<{ teams: number; activities: number; users: number }> {
  const teams = { isDemo: true, ...(teamId ? { id: teamId } : {}) };
  const [activities, deletedTeams, users] = await prisma.$transaction([
    prisma.activity.deleteMany({ where: { isDemo: true, team: teams } }),
    prisma.team.deleteMany({ where: teams }),
    prisma.user.deleteMany({ where: { email: { endsWith: `@${DEMO_EMAIL_DOMAIN}` }, passwordHash: NO_LOGIN, memberships: { none: {} } } }),
  ]);
  return { teams: deletedTeams.count, activities: activities.count, users: users.count };
}
