// The dashboards' numbers against direct SQL counts over the same rows, plus scope rules (a member's own rows only,
// other teams invisible) and the API report's shape. Needs a database: embedded PGlite, or DATABASE_URL.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { prisma } from "@/lib/db/client";
import { NotFound } from "@/lib/errors";
import { todayIn } from "@/lib/activities/rules";
import { ROLE_KEYS, STAGE_KEYS } from "@/lib/tagging";
import type { TeamAccess } from "@/lib/teams/access";
import { effortBy } from "./effort";
import { effortReport, parseEffortRequest } from "./effort-report";
import { getMemberBoard } from "./members";
import { getOverview } from "./overview";
import { reportScope } from "./permissions";
import { presetRange } from "./range";
import { setTargetMix } from "./targets";
import { openTestDatabase } from "./test-database";

const RANGE = { from: "2025-02-03", to: "2025-03-09", preset: null };
let database: { close(): Promise<void> };
let team: { id: string; slug: string };
let other: { id: string };
let manager: TeamAccess;
let member: TeamAccess;
let memberIds: string[];
let outsiderId: string;

/** One direct, obvious SQL count per question, written independently of lib/reports/effort.ts. */
async function directCount(where: string, params: unknown[]): Promise<{ count: number; minutes: number }> {
  const [row] = await prisma.$queryRawUnsafe<{ count: bigint; minutes: bigint | null }[]>(
    `SELECT count(*) AS count, sum(minutes) AS minutes FROM "Activity" WHERE ${where}`,
    ...params,
  );
  return { count: Number(row!.count), minutes: Number(row!.minutes ?? 0) };
}

before(async () => {
  database = await openTestDatabase();
  const suffix = randomUUID().slice(0, 8);
  team = await prisma.team.create({ data: { slug: `rep-${suffix}`, name: "Reports" }, select: { id: true, slug: true } });
  other = await prisma.team.create({ data: { slug: `rep-other-${suffix}`, name: "Other" }, select: { id: true } });
  const users = await Promise.all(
    ["manager", "alice", "bob", "outsider"].map((name) =>
      prisma.user.create({ data: { email: `${name}-${suffix}@example.test`, name, passwordHash: "x" }, select: { id: true } }),
    ),
  );
  const [mgr, alice, bob, outsider] = users.map((u) => u.id) as [string, string, string, string];
  memberIds = [mgr, alice, bob];
  outsiderId = outsider;
  await prisma.membership.createMany({
    data: [
      { teamId: team.id, userId: mgr, role: "manager" },
      { teamId: team.id, userId: alice, role: "member" },
      { teamId: team.id, userId: bob, role: "member" },
      { teamId: other.id, userId: outsider, role: "member" },
    ],
  });
  const base = { slug: team.slug, name: "Reports", timeZone: "Asia/Shanghai" };
  manager = { ...base, teamId: team.id, role: "manager", userId: mgr };
  member = { ...base, teamId: team.id, role: "member", userId: alice };

  // 600 rows around the range (some before and after it, some deleted, some untagged), and noise in another team.
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const rows = Array.from({ length: 600 }, (_, i) => {
    const date = new Date(Date.UTC(2025, 0, 20) + Math.floor(random() * 60) * 86_400_000);
    const untagged = random() < 0.04;
    return {
      teamId: team.id,
      authorId: memberIds[i % 3]!,
      text: `entry ${i}`,
      dateWorked: date,
      minutes: random() < 0.7 ? 5 + Math.floor(random() * 120) : null,
      role: untagged ? null : ROLE_KEYS[Math.floor(random() * 7)]!, // never "marketing": an always-empty role
      stage: untagged ? null : STAGE_KEYS[Math.floor(random() * 4)]!, // never "referral": an always-empty stage
      needsReview: random() < 0.2,
      deletedAt: random() < 0.05 ? new Date() : null,
    };
  });
  await prisma.activity.createMany({ data: rows });
  await prisma.activity.createMany({
    data: Array.from({ length: 50 }, (_, i) => ({ teamId: other.id, authorId: outsider, text: `other ${i}`, dateWorked: new Date(Date.UTC(2025, 1, 10)), minutes: 60, role: "marketing" as const, stage: "referral" as const })),
  });
});

after(async () => {
  await database.close();
});

const IN_RANGE = `"teamId" = $1 AND "deletedAt" IS NULL AND "dateWorked" >= $2::date AND "dateWorked" <= $3::date`;

describe("effort in SQL", () => {
  it("role × stage cells match direct counts, every cell", async () => {
    const scope = await reportScope(manager, null);
    const rows = await effortBy(scope, RANGE, ["role", "stage"]);
    for (const role of ROLE_KEYS) {
      for (const stage of STAGE_KEYS) {
        const expected = await directCount(`${IN_RANGE} AND role = $4::"OpsRole" AND stage = $5::"FunnelStage"`, [team.id, RANGE.from, RANGE.to, role, stage]);
        const got = rows.find((r) => r.role === role && r.stage === stage) ?? { count: 0, minutes: 0 };
        assert.deepEqual({ count: got.count, minutes: got.minutes }, expected, `${role} × ${stage}`);
      }
    }
    const untagged = await directCount(`${IN_RANGE} AND role IS NULL`, [team.id, RANGE.from, RANGE.to]);
    assert.ok(untagged.count > 0);
    assert.equal(rows.find((r) => r.role === null)?.count, untagged.count);
  });

  it("weeks start on Monday", async () => {
    const scope = await reportScope(manager, null);
    const rows = await effortBy(scope, RANGE, ["week"]);
    assert.ok(rows.every((r) => new Date(`${r.week}T00:00:00Z`).getUTCDay() === 1));
    for (const row of rows) {
      const sunday = new Date(Date.parse(`${row.week}T00:00:00Z`) + 6 * 86_400_000).toISOString().slice(0, 10);
      const expected = await directCount(`${IN_RANGE} AND "dateWorked" BETWEEN $4::date AND $5::date`, [team.id, RANGE.from, RANGE.to, row.week, sunday]);
      assert.equal(row.count, expected.count, row.week);
    }
  });

  it("the overview's totals, review share, heatmap and trend agree with SQL", async () => {
    const overview = await getOverview(await reportScope(manager, null), RANGE, "count");
    const all = await directCount(IN_RANGE, [team.id, RANGE.from, RANGE.to]);
    const review = await directCount(`${IN_RANGE} AND "needsReview"`, [team.id, RANGE.from, RANGE.to]);
    assert.equal(overview.total.count, all.count);
    assert.equal(overview.total.minutes, all.minutes);
    assert.equal(overview.total.reviewCount, review.count);
    assert.equal(overview.heatmap.reduce((sum, c) => sum + c.count, 0) + overview.untagged.count, all.count);
    assert.equal(overview.mixes.stage.find((e) => e.key === "referral")!.count, 0);
    assert.ok(overview.callouts.some((c) => c.kind === "empty" && c.stage === "referral" && c.weeks === null));
    // The team's history starts with its first entry (2025-01-20): the 12-week window is cut to the 7 weeks since.
    assert.equal(overview.historyWeeks, 7);
    assert.deepEqual([overview.weeks[0], overview.weeks.length], ["2025-01-20", 7]);
    // A period that does not start on a Monday takes the separate query path: same answers.
    const midWeek = { from: "2025-02-05", to: "2025-03-04", preset: null };
    const other = await getOverview(await reportScope(manager, null), midWeek, "count");
    const midWeekCount = await directCount(IN_RANGE, [team.id, midWeek.from, midWeek.to]);
    assert.equal(other.total.count, midWeekCount.count);
    const cell = await directCount(`${IN_RANGE} AND role = 'content' AND stage = 'activation'`, [team.id, midWeek.from, midWeek.to]);
    assert.equal(other.heatmap.find((c) => c.role === "content" && c.stage === "activation")!.count, cell.count);
    const trendTotal = overview.weekly.reduce((sum, r) => sum + r.count, 0);
    const window = await directCount(`"teamId" = $1 AND "deletedAt" IS NULL AND "dateWorked" >= $2::date AND "dateWorked" <= $3::date`, [team.id, overview.weeks[0], RANGE.to]);
    assert.equal(trendTotal, window.count);
  });

  it("a team created this week makes no claims about the weeks before it existed", async () => {
    const fresh = await prisma.team.create({ data: { slug: `rep-fresh-${randomUUID().slice(0, 8)}`, name: "Fresh" }, select: { id: true, slug: true } });
    const today = todayIn("Asia/Shanghai");
    const access: TeamAccess = { slug: fresh.slug, name: "Fresh", timeZone: "Asia/Shanghai", teamId: fresh.id, role: "manager", userId: memberIds[0]! };
    await prisma.membership.create({ data: { teamId: fresh.id, userId: memberIds[0]!, role: "manager" } });
    await prisma.activity.createMany({
      data: [0, 1, 2].map((i) => ({ teamId: fresh.id, authorId: memberIds[0]!, text: `fresh ${i}`, dateWorked: new Date(`${today}T00:00:00Z`), role: "content" as const, stage: "activation" as const })),
    });
    const overview = await getOverview(await reportScope(access, null), presetRange("last-12-weeks", today), "count");
    assert.equal(overview.historyWeeks, 1);
    assert.equal(overview.weeks.length, 1);
    assert.ok(!overview.callouts.some((c) => c.kind === "quietCell"));
    // "No referral work" is still true, but only for the one week the team has existed.
    assert.ok(overview.callouts.some((c) => c.kind === "empty" && c.stage === "referral" && c.weeks === null));

    // A back-dated import moves the start of its history back: three weeks earlier gives four weeks.
    const earlier = new Date(Date.parse(`${today}T00:00:00Z`) - 21 * 86_400_000);
    await prisma.activity.create({ data: { teamId: fresh.id, authorId: memberIds[0]!, text: "imported", dateWorked: earlier, role: "user", stage: "retention" } });
    const withImport = await getOverview(await reportScope(access, null), presetRange("last-12-weeks", today), "count");
    assert.equal(withImport.historyWeeks, 4);
  });

  it("target gaps use the shares of tagged effort", async () => {
    await setTargetMix(manager, "stage", { acquisition: 25, connection: 25, activation: 25, retention: 15, referral: 10 });
    const overview = await getOverview(await reportScope(manager, null), RANGE, "minutes");
    const referral = overview.gaps.find((g) => g.dimension === "stage" && g.key === "referral")!;
    assert.equal(referral.actual, 0);
    assert.ok(Math.abs(referral.gap + 0.1) < 1e-9);
    const tagged = await directCount(`${IN_RANGE} AND stage IS NOT NULL`, [team.id, RANGE.from, RANGE.to]);
    const retention = await directCount(`${IN_RANGE} AND stage = 'retention'`, [team.id, RANGE.from, RANGE.to]);
    const gap = overview.gaps.find((g) => g.key === "retention")!;
    assert.ok(Math.abs(gap.actual - retention.minutes / tagged.minutes) < 1e-9);
    await assert.rejects(setTargetMix(member, "stage", { acquisition: 100 }), { code: "forbidden" } as object);
    await assert.rejects(setTargetMix(manager, "role", { user: 60, content: 30 }), { messageKey: "dashboard.errors.targetSum" } as object);
  });
});

describe("who sees what", () => {
  it("a member's report holds only their own rows; other members and other teams are not found", async () => {
    const own = await reportScope(member, null);
    assert.deepEqual(own, { teamId: team.id, authorId: member.userId });
    const rows = await effortBy(own, RANGE, ["member"]);
    assert.deepEqual(rows.map((r) => r.member), [member.userId]);
    const expected = await directCount(`${IN_RANGE} AND "authorId" = $4`, [team.id, RANGE.from, RANGE.to, member.userId]);
    assert.equal(rows[0]!.count, expected.count);
    await assert.rejects(reportScope(member, memberIds[2]!), NotFound);
    await assert.rejects(reportScope(manager, outsiderId), NotFound);
    await assert.rejects(reportScope(member, `outsider-x@example.test`), NotFound);
  });

  it("a manager may narrow to one member; the member board lists each member with their own numbers", async () => {
    const scope = await reportScope(manager, memberIds[2]!);
    assert.equal(scope.authorId, memberIds[2]);
    const board = await getMemberBoard(await reportScope(manager, null), RANGE, "count");
    assert.equal(board.granularity, "day");
    assert.equal(board.buckets.length, 35);
    for (const id of memberIds) {
      const card = board.members.find((m) => m.id === id)!;
      const expected = await directCount(`${IN_RANGE} AND "authorId" = $4`, [team.id, RANGE.from, RANGE.to, id]);
      assert.equal(card.total.count, expected.count);
      assert.equal(card.perBucket.reduce((sum, b) => sum + b.count, 0), expected.count);
    }
    const memberBoard = await getMemberBoard(await reportScope(member, null), RANGE, "count");
    assert.deepEqual(memberBoard.members.map((m) => m.id), [member.userId]);
  });

  it("the API report has the documented shape and only the grouped keys", async () => {
    const request = parseEffortRequest(new URLSearchParams(`from=${RANGE.from}&to=${RANGE.to}&groupBy=stage,week`), "2025-03-05");
    const report = await effortReport(manager, request);
    const all = await directCount(IN_RANGE, [team.id, RANGE.from, RANGE.to]);
    assert.deepEqual(report.total, { count: all.count, minutes: all.minutes });
    assert.deepEqual(Object.keys(report.rows[0]!).sort(), ["count", "minutes", "stage", "week"]);
    const mine = await effortReport(member, parseEffortRequest(new URLSearchParams(`from=${RANGE.from}&to=${RANGE.to}&groupBy=member`), "2025-03-05"));
    assert.deepEqual(mine.rows.map((r) => r.member), [member.userId]);
    assert.throws(() => parseEffortRequest(new URLSearchParams("groupBy=colour"), "2025-03-05"), { messageKey: "dashboard.errors.groupByInvalid" } as object);
  });
});
