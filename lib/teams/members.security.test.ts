// A team always keeps an admin: two admins demoting (or removing) each other at the same moment cannot both win.
// The race only shows on a PostgreSQL server (PGlite runs one transaction at a time): run with DATABASE_URL set.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { prisma } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import { openTestDatabase } from "@/lib/reports/test-database";
import { changeMemberRole, removeMember } from "./members";

let database: { close(): Promise<void> };

before(async () => {
  database = await openTestDatabase();
});

after(async () => {
  await database.close();
});

async function teamOfTwoAdmins() {
  const team = await prisma.team.create({ data: { slug: `pair-${randomUUID().slice(0, 8)}`, name: "Pair" }, select: { id: true } });
  const ids: string[] = [];
  for (const label of ["ann", "ben"]) {
    const user = await prisma.user.create({ data: { email: `${label}-${randomUUID().slice(0, 8)}@example.test`, name: label, passwordHash: "x" } });
    await prisma.membership.create({ data: { teamId: team.id, userId: user.id, role: "admin" } });
    ids.push(user.id);
  }
  return { teamId: team.id, ann: ids[0]!, ben: ids[1]! };
}

const admins = (teamId: string) => prisma.membership.count({ where: { teamId, role: "admin" } });

describe("last admin", () => {
  for (const [label, act] of [
    ["demote", (teamId: string, actor: string, target: string) => changeMemberRole(teamId, actor, target, "member")],
    ["remove", (teamId: string, actor: string, target: string) => removeMember(teamId, actor, target)],
  ] as const) {
    it(`two admins who ${label} each other at once leave the team with an admin (20 rounds)`, async () => {
      for (let round = 0; round < 20; round++) {
        const { teamId, ann, ben } = await teamOfTwoAdmins();
        const results = await Promise.allSettled([act(teamId, ann, ben), act(teamId, ben, ann)]);
        assert.equal(await admins(teamId), 1, `round ${round}: ${results.map((r) => r.status).join(", ")}`);
        const refused = results.filter((r) => r.status === "rejected");
        assert.equal(refused.length, 1);
        const reason = (refused[0] as PromiseRejectedResult).reason;
        assert.ok(reason instanceof DomainError, String(reason));
      }
    });
  }
});
