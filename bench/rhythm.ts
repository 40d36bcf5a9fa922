// Team rhythm benchmark: a team of 200 members with N entries over two years (generated in SQL like
// bench/dashboard.ts), then the content of a manager's weekly digest — last week's team report (role × stage,
// members, largest entries, gaps, review list), its text in both languages, and the 4-week coverage grid — plus one
// member's report, and the digest exactly as the Monday job builds it. Prints p50/p95 per case.
//
//   node --conditions=react-server --import tsx bench/rhythm.ts [--size 1000000] [--members 200] [--runs 20]
//
// Database: DATABASE_URL (PostgreSQL), else a throwaway embedded PGlite.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

const { values: args } = parseArgs({
  options: { size: { type: "string", default: "1000000" }, members: { type: "string", default: "200" }, runs: { type: "string", default: "20" } },
});
const SIZE = Number(args.size);
const MEMBERS = Number(args.members);
const RUNS = Number(args.runs);

process.env.DB_STATEMENT_TIMEOUT_MS ??= "600000";
if (!process.env.DATABASE_URL) process.env.OPSMIX_DATA_DIR = mkdtempSync(path.join(tmpdir(), "opsmix-bench-"));

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function time(fn: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 3; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

async function main(): Promise<void> {
  const { ensureDatabase } = await import("../lib/db/migrate");
  const { prisma, disconnectPrisma } = await import("../lib/db/client");
  const { todayIn, addDays } = await import("../lib/activities/rules");
  const { weeklyReport } = await import("../lib/reports/weekly");
  const { renderReport } = await import("../lib/reports/weekly-text");
  const { isoWeekOf } = await import("../lib/reports/iso-week");
  const { getCoverage } = await import("../lib/rhythm/coverage");
  const { getCoverageBefore } = await import("./coverage-before");
  const { translate } = await import("../lib/i18n/translate");
  const { digestData, digestMessage } = await import("../lib/rhythm/digest-job");
  const { commentsForDigest } = await import("../lib/comments/queries");

  const database = await ensureDatabase({ handleSignals: false });
  const engine = database.mode === "server" ? "PostgreSQL" : "PGlite (embedded)";
  const tag = Date.now().toString(36);
  const team = await prisma.team.create({ data: { slug: `bench-rhythm-${tag}`, name: "Bench rhythm" }, select: { id: true, slug: true } });
  const users = Array.from({ length: MEMBERS }, (_, i) => ({ id: `bench-u-${tag}-${i}`, email: `bench-${i}-${tag}@example.test`, name: `Member ${i}`, passwordHash: "x" }));
  await prisma.user.createMany({ data: users });
  await prisma.membership.createMany({ data: users.map((u, i) => ({ teamId: team.id, userId: u.id, role: i === 0 ? ("manager" as const) : ("member" as const) })) });
  const authors = users.map((u) => u.id);
  const today = todayIn("Asia/Shanghai");
  const started = performance.now();
  for (let offset = 0; offset < SIZE; offset += 50_000) {
    const count = Math.min(50_000, SIZE - offset);
    await prisma.$executeRawUnsafe(
      `INSERT INTO "Activity" ("id", "teamId", "authorId", "text", "dateWorked", "minutes", "role", "stage", "tagSource",
         "roleConfidence", "stageConfidence", "needsReview", "deletedAt", "createdAt", "updatedAt")
       SELECT 'bench-' || $1 || '-' || g, $2, ($3::text[])[1 + (g % $8)], 'bench entry ' || g,
         $4::date - 729 + floor((g - 1)::float8 * 730 / $7)::int - (random() < 0.15)::int,
         CASE WHEN random() < 0.7 THEN 15 + floor(random() * 165)::int END,
         (ARRAY['user','content','community','new_media','business','product','activity','marketing']::"OpsRole"[])[1 + floor(power(random(), 1.6) * 8)::int],
         (ARRAY['activation','retention','acquisition','connection','referral']::"FunnelStage"[])[1 + floor(power(random(), 1.8) * 5)::int],
         'auto', random(), random(), random() < 0.15, CASE WHEN random() < 0.01 THEN now() END, now(), now()
       FROM generate_series($5::int, $6::int) AS g`,
      tag, team.id, authors, today, offset + 1, offset + count, SIZE, MEMBERS,
    );
  }
  await prisma.$executeRawUnsafe(`VACUUM ANALYZE "Activity"`);
  console.log(`${engine}: seeded ${SIZE.toLocaleString("en")} entries for ${MEMBERS} members in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const access = { teamId: team.id, slug: team.slug, name: "Bench rhythm", timeZone: "Asia/Shanghai", role: "manager" as const, userId: authors[0]! };
  const lastWeek = isoWeekOf(addDays(today, -7));
  const zh = (key: string, values?: Record<string, string | number>) => translate("zh-CN", key, values);
  const en = (key: string, values?: Record<string, string | number>) => translate("en", key, values);
  const cases: [string, () => Promise<unknown>][] = [
    ["team weekly report, last week", () => weeklyReport(access, { kind: "week", period: lastWeek, member: null })],
    ["one member's weekly report, last week", () => weeklyReport(access, { kind: "week", period: lastWeek, member: authors[7]! })],
    ["team daily report, today", () => weeklyReport(access, { kind: "day", period: null, member: null })],
    ["coverage grid, 200 members × 4 weeks (+26-week streaks)", () => getCoverage(access)],
    ["coverage grid as before 2026-12-06 (member-day rows, last day over all history)", () => getCoverageBefore(access)],
    [
      "report text: team report + coverage + Markdown in zh-CN and en",
      async () => {
        const [report] = await Promise.all([weeklyReport(access, { kind: "week", period: lastWeek, member: null }), getCoverage(access)]);
        return [renderReport(report, zh, "markdown"), renderReport(report, en, "markdown")];
      },
    ],
    [
      "manager's weekly digest as sent (lib/rhythm/digest-job: mix, coverage, gaps, corrections, comments; zh-CN and en)",
      async () => {
        const data = await digestData(access, lastWeek, commentsForDigest, new Date());
        return [digestMessage(data, "zh-CN"), digestMessage(data, "en")];
      },
    ],
  ];
  // Before and after must draw the same grid (members' order aside, which ties on join time may shuffle).
  const byMember = (coverage: Awaited<ReturnType<typeof getCoverage>>) => JSON.stringify([...coverage.rows].sort((a, b) => a.member.id.localeCompare(b.member.id)));
  if (byMember(await getCoverage(access)) !== byMember(await getCoverageBefore(access))) throw new Error("coverage grid: before and after disagree");
  console.log(`| case (${SIZE.toLocaleString("en")} entries, ${MEMBERS} members) | p50 ms | p95 ms |\n|---|---|---|`);
  for (const [name, fn] of cases) {
    const { p50, p95 } = await time(fn);
    console.log(`| ${name} | ${p50.toFixed(0)} | ${p95.toFixed(0)} |`);
  }
  await prisma.activity.deleteMany({ where: { teamId: team.id } });
  await prisma.team.delete({ where: { id: team.id } });
  await prisma.user.deleteMany({ where: { id: { in: authors } } });
  await disconnectPrisma();
  await database.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
