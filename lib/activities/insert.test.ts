// Group commit of new activities, against a real database: writes that arrive together go in as one statement, each
// request still gets its own rows; a bad row fails only its own request; idempotent replays inside one group.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, beforeEach, describe, it } from "node:test";
import pg from "pg";
import { prisma } from "@/lib/db/client";
import { openTestDatabase } from "@/lib/reports/test-database";
import type { TeamAccess } from "@/lib/teams/access";
import { insertActivities, type NewActivityRow } from "./insert";
import { createActivities } from "./mutations";

let database: { close(): Promise<void> };
let access: TeamAccess;
const author = { name: "写手", email: "writer@example.test" };

// Statements sent to the database, counted at the driver (as bench/write-queries.ts does).
let statements = 0;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  statements++;
  return (query as (...a: unknown[]) => unknown).apply(this, args);
} as typeof query;

before(async () => {
  database = await openTestDatabase();
});

after(async () => {
  pg.Client.prototype.query = query;
  await database.close();
});

beforeEach(async () => {
  const slug = `group-${randomUUID().slice(0, 8)}`;
  const team = await prisma.team.create({ data: { slug, name: "Group" }, select: { id: true } });
  const user = await prisma.user.create({ data: { email: `${slug}@example.test`, name: "写手", passwordHash: "x" }, select: { id: true } });
  await prisma.membership.create({ data: { teamId: team.id, userId: user.id, role: "member" } });
  access = { teamId: team.id, slug, name: "Group", timeZone: "Asia/Shanghai", role: "member", userId: user.id };
  // The team's model is built on first use: warm it, so the writes below reach the insert together.
  await createActivities(access, [{ text: "预热", date: "2026-12-01" }], { author });
});

const stored = (teamId: string) =>
  prisma.activity.findMany({ where: { teamId, text: { not: "预热" } }, select: { id: true, text: true, idempotencyKey: true, role: true, tagSource: true, version: true } });

describe("group commit of new activities", () => {
  it("N concurrent writes are N rows, each request answered with its own, in fewer statements than writes", async () => {
    const count = 12;
    statements = 0;
    const results = await Promise.all(
      Array.from({ length: count }, (_, n) => createActivities(access, [{ text: `回复社区帖子${n}条`, date: "2026-12-01", minutes: n + 1 }], { idempotencyKey: `k${n}`, author })),
    );
    const used = statements;
    const rows = await stored(access.teamId);
    assert.equal(rows.length, count);
    const byId = new Map(rows.map((row) => [row.id, row]));
    results.forEach(({ activities, replayed }, n) => {
      assert.equal(replayed, false);
      assert.equal(activities.length, 1);
      const [answer] = activities;
      assert.equal(answer!.text, `回复社区帖子${n}条`);
      assert.equal(answer!.minutes, n + 1);
      assert.equal(answer!.date, "2026-12-01");
      const row = byId.get(answer!.id);
      assert.ok(row, "the answer names a stored row");
      assert.equal(row.text, answer!.text);
      assert.equal(row.idempotencyKey, `k${n}`);
      assert.equal(row.role, answer!.role);
      assert.equal(row.tagSource, "auto");
      assert.equal(row.version, 1);
    });
    assert.ok(used < count, `${used} statements for ${count} writes`);
  });

  it("a row the database refuses fails only its own request and writes none of it", async () => {
    const row = (text: string, role = "community"): NewActivityRow => ({
      id: randomUUID(),
      text,
      date: "2026-12-01",
      minutes: 10,
      role,
      stage: "retention",
      roleConfidence: 0.9,
      stageConfidence: 0.8,
      needsReview: false,
      explanation: null,
      idempotencyKey: null,
    });
    const now = new Date();
    const good = [row("第一条"), row("第二条")];
    const bad = [row("坏的一条", "no-such-role"), row("同一请求里好的一条")];
    const [first, refused, second] = await Promise.allSettled([
      insertActivities(access.teamId, access.userId, [good[0]!], now),
      insertActivities(access.teamId, access.userId, bad, now),
      insertActivities(access.teamId, access.userId, [good[1]!], now),
    ]);
    assert.equal(first.status, "fulfilled");
    assert.equal(second.status, "fulfilled");
    assert.equal(refused.status, "rejected");
    assert.deepEqual(first.status === "fulfilled" && [...first.value], [good[0]!.id]);
    assert.deepEqual(second.status === "fulfilled" && [...second.value], [good[1]!.id]);
    const texts = (await stored(access.teamId)).map((r) => r.text).sort();
    assert.deepEqual(texts, ["第一条", "第二条"].sort(), "the refused request left nothing behind, not even its good row");
  });

  it("the same idempotency key sent several times at once is one row, and every copy is answered with it", async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, () => createActivities(access, [{ text: "双击提交的一条", date: "2026-12-01" }], { idempotencyKey: "same-key", author })),
    );
    const rows = await stored(access.teamId);
    assert.equal(rows.length, 1);
    for (const { activities } of results) assert.deepEqual(activities.map((a) => a.id), [rows[0]!.id]);
    assert.equal(results.filter((r) => !r.replayed).length, 1, "one request created it, the others replayed it");
  });
});
