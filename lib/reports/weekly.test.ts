// The weekly and daily reports against direct SQL counts over a seeded week, in both languages: totals, role × stage
// cells, members, review entries, empty stages and target gaps, and who may read whose report.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { prisma } from "@/lib/db/client";
import { NotFound, Invalid } from "@/lib/errors";
import { translate } from "@/lib/i18n/translate";
import type { Locale } from "@/lib/i18n/locales";
import { ROLE_KEYS, STAGE_KEYS } from "@/lib/tagging";
import type { TeamAccess } from "@/lib/teams/access";
import { isoWeekOf, isoWeekRange } from "./iso-week";
import { setTargetMix } from "./targets";
import { openTestDatabase } from "./test-database";
import { parseWeeklyRequest, weeklyReport } from "./weekly";
import { formatDuration, renderReport, REPORT_FORMATS } from "./weekly-text";

const WEEK = "2025-W06"; // 2025-02-03 … 2025-02-09
let database: { close(): Promise<void> };
let teamId: string;
let manager: TeamAccess;
let alice: TeamAccess;
let ids: { mgr: string; alice: string; bob: string; outsider: string; idle: string };

async function direct(where: string, params: unknown[]): Promise<{ count: number; minutes: number; review: number }> {
  const [row] = await prisma.$queryRawUnsafe<{ count: bigint; minutes: bigint | null; review: bigint }[]>(
    `SELECT count(*) AS count, sum(minutes) AS minutes, count(*) FILTER (WHERE "needsReview") AS review FROM "Activity" WHERE ${where}`,
    ...params,
  );
  return { count: Number(row!.count), minutes: Number(row!.minutes ?? 0), review: Number(row!.review) };
}

const IN_WEEK = `"teamId" = $1 AND "deletedAt" IS NULL AND "dateWorked" BETWEEN '2025-02-03' AND '2025-02-09'`;
const t = (locale: Locale) => (key: string, values?: Record<string, string | number>) => translate(locale, key, values);

before(async () => {
  database = await openTestDatabase();
  const suffix = randomUUID().slice(0, 8);
  const team = await prisma.team.create({ data: { slug: `wk-${suffix}`, name: "Growth" }, select: { id: true, slug: true } });
  const other = await prisma.team.create({ data: { slug: `wk-other-${suffix}`, name: "Other" }, select: { id: true } });
  teamId = team.id;
  const users = await Promise.all(
    ["Manager", "Alice", "Bob", "Outsider", "Idle"].map((name) => prisma.user.create({ data: { email: `${name.toLowerCase()}-${suffix}@example.test`, name, passwordHash: "x" }, select: { id: true } })),
  );
  const [mgr, a, b, outsider, idle] = users.map((u) => u.id) as [string, string, string, string, string];
  ids = { mgr, alice: a, bob: b, outsider, idle };
  await prisma.membership.createMany({
    data: [
      { teamId, userId: mgr, role: "manager" },
      { teamId, userId: a, role: "member" },
      { teamId, userId: b, role: "member" },
      { teamId, userId: idle, role: "member" },
      { teamId: other.id, userId: outsider, role: "member" },
    ],
  });
  const base = { slug: team.slug, name: "Growth", timeZone: "Asia/Shanghai" };
  manager = { ...base, teamId, role: "manager", userId: mgr };
  alice = { ...base, teamId, role: "member", userId: a };

  // Three weeks of entries around the reported one (deleted and untagged ones too), never "referral", never by Idle.
  let seed = 11;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const rows = Array.from({ length: 240 }, (_, i) => {
    const untagged = random() < 0.05;
    return {
      teamId,
      authorId: [mgr, a, b][i % 3]!,
      text: `entry ${i} 写推文`,
      dateWorked: new Date(Date.UTC(2025, 0, 27) + Math.floor(random() * 21) * 86_400_000),
      minutes: random() < 0.7 ? 5 + Math.floor(random() * 120) : null,
      role: untagged ? null : ROLE_KEYS[Math.floor(random() * 3)]!,
      stage: untagged ? null : STAGE_KEYS[Math.floor(random() * 4)]!,
      needsReview: random() < 0.2,
      deletedAt: random() < 0.05 ? new Date() : null,
    };
  });
  await prisma.activity.createMany({ data: rows });
  await prisma.activity.createMany({
    data: Array.from({ length: 20 }, (_, i) => ({ teamId: other.id, authorId: outsider, text: `other ${i}`, dateWorked: new Date(Date.UTC(2025, 1, 5)), minutes: 600, role: "marketing" as const, stage: "referral" as const })),
  });
  // Half the effort should go to marketing, which nobody does: a gap the report must name.
  await setTargetMix(manager, "role", { marketing: 50, content: 50 });
});

after(async () => {
  await database.close();
});

describe("ISO weeks", () => {
  it("names and ranges weeks the way ISO 8601 does", () => {
    assert.equal(isoWeekOf("2026-12-06"), "2026-W49");
    assert.equal(isoWeekOf("2021-01-03"), "2020-W53");
    assert.equal(isoWeekOf("2024-12-30"), "2025-W01");
    assert.deepEqual(isoWeekRange("2020-W53"), { from: "2020-12-28", to: "2021-01-03" });
    assert.deepEqual(isoWeekRange(WEEK), { from: "2025-02-03", to: "2025-02-09" });
    for (const bad of ["2021-W53", "2025-W00", "2025-6", "2025-02-03", "W06"]) assert.throws(() => isoWeekRange(bad), Invalid, bad);
  });

  it("refuses a bad week or day with a translated message in both languages", () => {
    assert.throws(() => parseWeeklyRequest(new URLSearchParams("week=2025-06")), (error: Invalid) => {
      assert.match(translate("en", error.messageKey, error.details as Record<string, string>), /2026-W50/);
      assert.match(translate("zh-CN", error.messageKey, error.details as Record<string, string>), /请检查后重试/);
      return true;
    });
    assert.throws(() => parseWeeklyRequest(new URLSearchParams("day=2025-02-30")), Invalid);
  });
});

describe("weekly report", () => {
  it("the team's totals, cells, members and review list match SQL", async () => {
    const report = await weeklyReport(manager, { kind: "week", period: WEEK, member: null });
    assert.equal(report.member, null);
    assert.deepEqual([report.from, report.to], ["2025-02-03", "2025-02-09"]);
    const all = await direct(IN_WEEK, [teamId]);
    assert.ok(all.count > 40);
    assert.deepEqual({ count: report.totals.count, minutes: report.totals.minutes, review: report.totals.reviewCount }, all);
    for (const group of report.roles) {
      for (const stage of group.stages) {
        const where = `${IN_WEEK} AND role ${group.role ? `= '${group.role}'` : "IS NULL"} AND stage ${stage.stage ? `= '${stage.stage}'` : "IS NULL"}`;
        const expected = await direct(where, [teamId]);
        assert.deepEqual({ count: stage.count, minutes: stage.minutes, review: stage.reviewCount }, expected, `${group.role} × ${stage.stage}`);
        assert.deepEqual(stage.entries, [], "a team report lists no one's entries");
      }
    }
    assert.equal(report.roles.reduce((s, g) => s + g.count, 0), all.count);
    assert.equal(report.roles.at(-1)?.role, null, "untagged entries come last");
    assert.equal(report.totals.untaggedCount, (await direct(`${IN_WEEK} AND role IS NULL`, [teamId])).count);
    for (const member of report.members) {
      assert.equal(member.count, (await direct(`${IN_WEEK} AND "authorId" = $2`, [teamId, member.id])).count, member.name);
    }
    assert.deepEqual(report.members.at(-1), { id: ids.idle, name: "Idle", count: 0, minutes: 0 });
    assert.equal(report.totals.activeMembers, 3);
    const [{ days }] = await prisma.$queryRawUnsafe<{ days: bigint }[]>(`SELECT count(DISTINCT "dateWorked") AS days FROM "Activity" WHERE ${IN_WEEK}`, teamId);
    assert.equal(report.totals.activeDays, Number(days));
    assert.equal(report.previous.count, (await direct(`"teamId" = $1 AND "deletedAt" IS NULL AND "dateWorked" BETWEEN '2025-01-27' AND '2025-02-02'`, [teamId])).count);
    assert.equal(report.review.length, Math.min(10, all.review));
    const [largestMinutes] = await prisma.$queryRawUnsafe<{ max: number }[]>(`SELECT max(minutes) AS max FROM "Activity" WHERE ${IN_WEEK}`, teamId);
    assert.equal(report.largest[0]?.minutes, largestMinutes!.max);
    assert.deepEqual(report.emptyStages, ["referral"]);
    assert.ok(report.gaps.some((gap) => gap.dimension === "role" && gap.key === "marketing" && gap.actual === 0 && gap.target === 0.5));
  });

  it("drafts the same numbers in Chinese and English, deterministically", async () => {
    const report = await weeklyReport(manager, { kind: "week", period: WEEK, member: null });
    const all = await direct(IN_WEEK, [teamId]);
    const zh = renderReport(report, t("zh-CN"), "dingtalk");
    assert.match(zh, new RegExp(`共记录 ${all.count} 条，`));
    assert.match(zh, new RegExp(`记录时长 ${formatDuration(t("zh-CN"), all.minutes)}`));
    assert.match(zh, /本周无口碑传播/);
    assert.match(zh, /低于目标：市场运营 占 0%（目标 50%）/);
    assert.match(zh, /^本周完成工作$/m);
    assert.match(zh, /^需协调与帮助$/m);
    assert.match(zh, new RegExp(`${all.review} 条待复核`));
    const en = renderReport(report, t("en"), "markdown");
    assert.match(en, new RegExp(`${all.count} entries logged`));
    assert.match(en, /^## Done$/m);
    assert.match(en, /No Referral work this week/i);
    for (const format of REPORT_FORMATS) {
      for (const locale of ["en", "zh-CN"] as const) {
        const text = renderReport(report, t(locale), format);
        assert.equal(text, renderReport(report, t(locale), format));
        assert.doesNotMatch(text, /rhythm\.|taxonomy\./, `${locale} ${format} has an untranslated key`);
      }
    }
  });

  it("a member's report lists their own entries under role and stage, and matches SQL", async () => {
    const own = await weeklyReport(alice, { kind: "week", period: WEEK, member: null });
    const byManager = await weeklyReport(manager, { kind: "week", period: WEEK, member: ids.alice });
    assert.deepEqual(own, byManager);
    assert.deepEqual(own.member, { id: ids.alice, name: "Alice" });
    const expected = await direct(`${IN_WEEK} AND "authorId" = $2`, [teamId, ids.alice]);
    assert.deepEqual({ count: own.totals.count, minutes: own.totals.minutes, review: own.totals.reviewCount }, expected);
    const listed = own.roles.flatMap((g) => g.stages.flatMap((s) => s.entries));
    assert.equal(listed.length, expected.count);
    for (const group of own.roles) for (const stage of group.stages) assert.equal(stage.entries.length, stage.count);
    assert.ok(listed.every((e) => e.authorName === "Alice"));
    assert.deepEqual(own.members, []);
    const text = renderReport(own, t("en"), "plain");
    for (const entry of listed) assert.ok(text.includes(entry.text), entry.text);
  });

  it("the daily version covers one day", async () => {
    const report = await weeklyReport(manager, parseWeeklyRequest(new URLSearchParams("day=2025-02-05")));
    const expected = await direct(`"teamId" = $1 AND "deletedAt" IS NULL AND "dateWorked" = '2025-02-05'`, [teamId]);
    assert.deepEqual([report.kind, report.from, report.to, report.totals.count, report.totals.minutes], ["day", "2025-02-05", "2025-02-05", expected.count, expected.minutes]);
    assert.match(renderReport(report, t("zh-CN"), "feishu"), /^今日工作内容$/m);
  });

  it("a member cannot read a team-mate's report; nobody reads another team's member", async () => {
    await assert.rejects(weeklyReport(alice, { kind: "week", period: WEEK, member: ids.bob }), NotFound);
    await assert.rejects(weeklyReport(manager, { kind: "week", period: WEEK, member: ids.outsider }), NotFound);
    const report = await weeklyReport(manager, { kind: "week", period: WEEK, member: null });
    assert.ok(report.members.every((m) => m.id !== ids.outsider));
    assert.ok(report.largest.every((e) => e.minutes! < 600), "another team's entries never appear");
  });
});
