// The demo workspace: realistic volume, engine tags with some corrections, a starved stage to call out,
// everything marked as demo, reused rather than duplicated, and gone in one step.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { prisma } from "@/lib/db/client";
import { getOverview } from "@/lib/reports/overview";
import { presetRange } from "@/lib/reports/range";
import { openTestDatabase } from "@/lib/reports/test-database";
import { DEMO_EMAIL_DOMAIN, deleteDemo, seedDemo } from "./seed";

const NOW = new Date("2025-03-05T04:00:00Z"); // a Wednesday in Asia/Shanghai
let database: { close(): Promise<void> };
let ownerId: string;

before(async () => {
  database = await openTestDatabase();
  const owner = await prisma.user.create({ data: { email: `owner-${randomUUID().slice(0, 8)}@example.test`, name: "Owner", passwordHash: "x" }, select: { id: true } });
  ownerId = owner.id;
});

after(async () => {
  await database.close();
});

describe("demo workspace", () => {
  it("seeds eight members over twelve weeks, tagged by the engine with some corrections", async () => {
    const started = Date.now();
    const result = await seedDemo(prisma, { now: NOW, ownerUserId: ownerId });
    console.log(`demo seed: ${result.activities} activities, ${result.corrections} corrections in ${Date.now() - started} ms`);
    assert.equal(result.reused, false);
    assert.equal(result.members, 8);
    assert.ok(result.activities > 800 && result.activities < 3000, String(result.activities));
    assert.ok(result.corrections > 0, "some entries carry a reviewer's correction");
    const team = await prisma.team.findUniqueOrThrow({ where: { id: result.teamId }, select: { isDemo: true, modelVersion: true } });
    assert.equal(team.isDemo, true);
    assert.equal(await prisma.activity.count({ where: { teamId: result.teamId, isDemo: false } }), 0);
    assert.equal(await prisma.activity.count({ where: { teamId: result.teamId, role: null } }), 0);
    const examples = await prisma.trainingExample.count({ where: { teamId: result.teamId } });
    assert.equal(team.modelVersion, examples);
    assert.equal(await prisma.activity.count({ where: { teamId: result.teamId, tagSource: "corrected" } }), result.corrections);
    const owner = await prisma.membership.findFirstOrThrow({ where: { teamId: result.teamId, userId: ownerId }, select: { role: true } });
    assert.equal(owner.role, "manager");
    const dates = await prisma.activity.aggregate({ where: { teamId: result.teamId }, _min: { dateWorked: true }, _max: { dateWorked: true } });
    assert.equal(dates._min.dateWorked!.toISOString().slice(0, 10), "2024-12-16");
    assert.ok(dates._max.dateWorked!.toISOString().slice(0, 10) <= "2025-03-05");
    const zh = await prisma.activity.count({ where: { teamId: result.teamId, text: { contains: "的" } } });
    const en = await prisma.activity.count({ where: { teamId: result.teamId, text: { contains: " the " } } });
    assert.ok(zh > 0 && en > 0, "mixed zh/en entries");
  });

  it("opens on a starved funnel stage for this week's overview", async () => {
    const demo = await prisma.team.findFirstOrThrow({ where: { isDemo: true }, select: { id: true } });
    const overview = await getOverview({ teamId: demo.id, authorId: null }, presetRange("this-week", "2025-03-05"), "count");
    assert.ok(overview.total.count > 20);
    assert.ok(overview.callouts.some((c) => c.kind === "empty" && c.stage === "referral" && c.weeks === 3), JSON.stringify(overview.callouts));
    assert.ok(overview.heatmap.some((c) => c.state === "empty"));
  });

  it("gives each explorer a team of their own, reused on return, and deletes one or all", async () => {
    const first = await prisma.team.findFirstOrThrow({ where: { isDemo: true }, select: { id: true } });
    const again = await seedDemo(prisma, { now: NOW, ownerUserId: ownerId });
    assert.equal(again.reused, true);
    assert.equal(again.teamId, first.id);
    assert.equal(await prisma.team.count({ where: { isDemo: true } }), 1);

    // Someone of another team explores: a separate demo team, and neither explorer can see the other.
    const other = await prisma.user.create({ data: { email: `other-${Date.now()}@example.test`, name: "Other explorer", passwordHash: "x" } });
    const theirs = await seedDemo(prisma, { now: NOW, ownerUserId: other.id });
    assert.equal(theirs.reused, false);
    assert.notEqual(theirs.teamId, first.id);
    assert.equal(await prisma.membership.count({ where: { teamId: first.id, userId: other.id } }), 0);
    assert.equal(await prisma.membership.count({ where: { teamId: theirs.teamId, userId: ownerId } }), 0);

    // Deleting theirs leaves mine whole, its demo members included.
    const one = await deleteDemo(prisma, theirs.teamId);
    assert.deepEqual({ teams: one.teams, users: one.users }, { teams: 1, users: 8 }, "their own demo people go with their team");
    assert.equal(one.activities, theirs.activities);
    assert.equal(await prisma.activity.count({ where: { teamId: first.id } }), again.activities);
    assert.ok(await prisma.user.findUnique({ where: { id: other.id } }), "the explorer stays");

    const all = await deleteDemo(prisma);
    assert.equal(all.teams, 1);
    assert.equal(all.users, 8);
    assert.equal(await prisma.activity.count({ where: { isDemo: true } }), 0);
    assert.equal(await prisma.user.count({ where: { email: { endsWith: `@${DEMO_EMAIL_DOMAIN}` } } }), 0);
    assert.ok(await prisma.user.findUnique({ where: { id: ownerId } }), "real users stay");
  });
});
