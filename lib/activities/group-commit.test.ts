// The group commit (lib/activities/insert.ts) as createActivities' callers see it: writes of different teams and
// authors in one group land in their own team under their own author; idempotency keys across groups and inside a
// failed group; a request whose statement the database refuses fails alone; a group whose statement committed but
// whose answer was lost still answers each request with its own rows.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import pg from "pg";
import { prisma } from "@/lib/db/client";
import { openTestDatabase } from "@/lib/reports/test-database";
import type { TeamAccess } from "@/lib/teams/access";
import { createActivities } from "./mutations";

let database: { close(): Promise<void> };
let statements = 0;
/** Set: the next INSERT of activities of several requests commits, then reports an error (an answer lost). */
let loseAnswerOfGroup = false;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  statements++;
  const config = args[0] as { text?: string; values?: unknown[] } | string;
  const text = typeof config === "string" ? config : config?.text;
  const values = typeof config === "object" ? config?.values : (args[1] as unknown[] | undefined);
  const callback = args.at(-1);
  if (loseAnswerOfGroup && text?.includes('INSERT INTO "Activity"') && Array.isArray(values?.[0]) && (values[0] as unknown[]).length > 1 && typeof callback === "function") {
    loseAnswerOfGroup = false;
    // PGlite's client-side query_timeout or a connection lost after COMMIT: the rows are in, the caller hears an error.
    args[args.length - 1] = (error: unknown) => callback(error ?? new Error("Query read timeout"));
  }
  return (query as (...a: unknown[]) => unknown).apply(this, args);
} as typeof query;

before(async () => {
  database = await openTestDatabase();
});

after(async () => {
  pg.Client.prototype.query = query;
  await database.close();
});

async function newMember(): Promise<TeamAccess> {
  const slug = `rv-${randomUUID().slice(0, 8)}`;
  const team = await prisma.team.create({ data: { slug, name: slug }, select: { id: true } });
  const user = await prisma.user.create({ data: { email: `${slug}@example.test`, name: slug, passwordHash: "x" }, select: { id: true } });
  await prisma.membership.create({ data: { teamId: team.id, userId: user.id, role: "member" } });
  const access: TeamAccess = { teamId: team.id, slug, name: slug, timeZone: "Asia/Shanghai", role: "member", userId: user.id };
  await createActivities(access, [{ text: "预热", date: "2026-12-01" }]);
  return access;
}

const author = { name: "写手", email: "w@example.test" };
const mine = (access: TeamAccess) =>
  prisma.activity.findMany({ where: { teamId: access.teamId, text: { not: "预热" } }, select: { id: true, text: true, authorId: true, teamId: true } });

describe("group commit, reviewed", () => {
  it("writes of several teams and authors in one group each land in their own team, under their own author", async () => {
    const members: TeamAccess[] = [];
    for (let t = 0; t < 4; t++) members.push(await newMember());
    statements = 0;
    const results = await Promise.all(
      members.flatMap((access, t) =>
        [0, 1].map((n) => createActivities(access, [{ text: `队${t}写第${n}条活动`, date: "2026-12-01" }, { text: `队${t}写第${n}条补充`, date: "2026-12-02" }], { idempotencyKey: `k${n}`, author })),
      ),
    );
    assert.ok(statements < results.length, `${statements} statements for ${results.length} writes: they were grouped`);
    for (const [t, access] of members.entries()) {
      const rows = await mine(access);
      assert.equal(rows.length, 4);
      for (const row of rows) {
        assert.equal(row.authorId, access.userId);
        assert.match(row.text, new RegExp(`^队${t}写`));
      }
      for (const n of [0, 1]) {
        const { activities, replayed } = results[t * 2 + n]!;
        assert.equal(replayed, false);
        assert.deepEqual(activities.map((a) => a.text), [`队${t}写第${n}条活动`, `队${t}写第${n}条补充`]);
        assert.ok(activities.every((a) => rows.some((row) => row.id === a.id)));
      }
    }
  });

  it("a key seen in an earlier group is a replay with the same rows; two multi-row copies in one group are one set", async () => {
    const access = await newMember();
    const items = [{ text: "第一条直播复盘", date: "2026-12-01" }, { text: "第二条社群答疑", date: "2026-12-01" }];
    const [a, b] = await Promise.all([createActivities(access, items, { idempotencyKey: "dup", author }), createActivities(access, items, { idempotencyKey: "dup", author })]);
    const later = await createActivities(access, items, { idempotencyKey: "dup", author });
    assert.equal((await mine(access)).length, 2);
    assert.deepEqual([a!.replayed, b!.replayed].sort(), [false, true]);
    assert.equal(later.replayed, true);
    const ids = a!.activities.map((x) => x.id);
    assert.equal(ids.length, 2);
    assert.deepEqual(b!.activities.map((x) => x.id), ids);
    assert.deepEqual(later.activities.map((x) => x.id), ids);
    assert.deepEqual(later.activities.map((x) => x.text), ["第一条直播复盘", "第二条社群答疑"]);
  });

  it("a request the database refuses (its team is gone) fails alone; copies of one key in that group stay one row", async () => {
    const access = await newMember();
    const gone = await newMember();
    await prisma.team.delete({ where: { id: gone.teamId } });
    // As a write whose membership was read just before the team went: the model is cached, the insert is refused.
    gone.tagging = { modelVersion: 0, reviewThreshold: 0.6 };
    const results = await Promise.allSettled([
      createActivities(access, [{ text: "拉新活动报名统计", date: "2026-12-01" }], { idempotencyKey: "same", author }),
      createActivities(gone, [{ text: "已删团队的一条", date: "2026-12-01" }], { author }),
      createActivities(access, [{ text: "拉新活动报名统计", date: "2026-12-01" }], { idempotencyKey: "same", author }),
      createActivities(access, [{ text: "另一条", date: "2026-12-01" }], { author }),
    ]);
    assert.deepEqual(results.map((r) => r.status), ["fulfilled", "rejected", "fulfilled", "fulfilled"]);
    const rows = await mine(access);
    assert.deepEqual(rows.map((r) => r.text).sort(), ["另一条", "拉新活动报名统计"].sort());
    const [first, , second] = results as PromiseFulfilledResult<{ activities: { id: string }[]; replayed: boolean }>[];
    assert.deepEqual(first!.value.activities.map((x) => x.id), second!.value.activities.map((x) => x.id));
    assert.deepEqual([first!.value.replayed, second!.value.replayed].sort(), [false, true]);
    assert.equal(await prisma.activity.count({ where: { teamId: gone.teamId } }), 0);
  });

  it("a group whose statement committed but whose answer was lost answers each request with its own rows", async () => {
    const access = await newMember();
    loseAnswerOfGroup = true;
    const results = await Promise.all(
      [0, 1, 2].map((n) => createActivities(access, [{ text: `答复丢失的第${n}条活动`, date: "2026-12-01" }], { author })),
    );
    assert.equal(loseAnswerOfGroup, false, "the group's answer was lost");
    const rows = await mine(access);
    assert.equal(rows.length, 3, "each row once");
    results.forEach(({ activities, replayed }, n) => {
      assert.equal(replayed, false);
      assert.deepEqual(activities.map((a) => a.text), [`答复丢失的第${n}条活动`]);
      assert.ok(rows.some((row) => row.id === activities[0]!.id));
    });
  });
});
