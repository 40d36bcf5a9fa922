// Undoing a delete: an entry an admin deleted stays deleted for its author (only an admin brings it back), and
// every restore leaves an audit row.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { prisma } from "@/lib/db/client";
import { dateColumn } from "@/lib/activities/rules";
import { openTestDatabase } from "@/lib/reports/test-database";
import type { TeamAccess, TeamRole } from "@/lib/teams/access";
import { deleteActivity, restoreActivity } from "./mutations";

let database: { close(): Promise<void> };

before(async () => {
  database = await openTestDatabase();
});

after(async () => {
  await database.close();
});

async function teamOf(roles: TeamRole[]) {
  const team = await prisma.team.create({ data: { slug: `restore-${randomUUID().slice(0, 8)}`, name: "Restore" } });
  const access: TeamAccess[] = [];
  for (const role of roles) {
    const user = await prisma.user.create({ data: { email: `${role}-${randomUUID().slice(0, 8)}@example.test`, name: role, passwordHash: "x" } });
    await prisma.membership.create({ data: { teamId: team.id, userId: user.id, role } });
    access.push({ teamId: team.id, slug: team.slug, name: team.name, timeZone: team.timeZone, role, userId: user.id });
  }
  return access;
}

const entryBy = async (access: TeamAccess) =>
  (await prisma.activity.create({ data: { teamId: access.teamId, authorId: access.userId, text: "回复社区帖子", dateWorked: dateColumn("2026-12-01") } })).id;
const restores = (id: string) => prisma.auditEvent.count({ where: { action: "activity.restore", targetId: id } });

describe("restoring a deleted entry", () => {
  it("an entry an admin deleted cannot be restored by its author; an admin can, and it is audited", async () => {
    const [admin, member] = await teamOf(["admin", "member"]);
    const id = await entryBy(member!);
    await deleteActivity(admin!, id);
    await assert.rejects(restoreActivity(member!, id), (error: unknown) => (error as { code?: string }).code === "not_found");
    assert.ok((await prisma.activity.findUniqueOrThrow({ where: { id } })).deletedAt, "still deleted");
    assert.equal(await restores(id), 0);
    const restored = await restoreActivity(admin!, id);
    assert.equal(restored.id, id);
    assert.equal(await restores(id), 1);
  });

  it("an author restores what they deleted themselves, and that is audited too", async () => {
    const [, member] = await teamOf(["admin", "member"]);
    const id = await entryBy(member!);
    await deleteActivity(member!, id);
    await restoreActivity(member!, id);
    assert.equal((await prisma.activity.findUniqueOrThrow({ where: { id } })).deletedAt, null);
    assert.equal(await restores(id), 1);
  });
});
