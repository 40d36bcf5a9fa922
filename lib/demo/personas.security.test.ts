// Demo people are not accounts: nobody can register or sign in as one, and each demo team has its own, so an
// address someone registered before this rule never joins anyone's demo workspace.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { prisma } from "@/lib/db/client";
import { Invalid } from "@/lib/errors";
import { openTestDatabase } from "@/lib/reports/test-database";
import { validateNewUser } from "@/lib/teams/mutations";
import { deleteDemo, seedDemo } from "./seed";
import { DEMO_PERSONAS } from "./templates";

const NOW = new Date("2025-03-05T04:00:00Z");
let database: { close(): Promise<void> };

before(async () => {
  database = await openTestDatabase();
});

after(async () => {
  await database.close();
});

const person = async (label: string) =>
  prisma.user.create({ data: { email: `${label}-${randomUUID().slice(0, 8)}@example.test`, name: label, passwordHash: "x" }, select: { id: true } });

describe("demo personas", () => {
  it("cannot be registered: a demo address is refused at sign-up with a message saying what to do", () => {
    for (const email of [`demo-${DEMO_PERSONAS[0]!.key}@demo.opsmix.invalid`, "Anyone@DEMO.opsmix.invalid "]) {
      assert.throws(
        () => validateNewUser({ email, name: "Mallory", password: "a long and unusual passphrase 42" }),
        (error: unknown) => error instanceof Invalid && error.messageKey === "security.errors.emailReserved",
      );
    }
  });

  it("are never shared: an account at a persona's old address joins no demo team, and two explorers share no demo people", async () => {
    // What the old seed would have adopted: a real account registered at a persona's address.
    const squatter = await prisma.user.create({
      data: { email: `demo-${DEMO_PERSONAS[0]!.key}@demo.opsmix.invalid`, name: "Squatter", passwordHash: "x" },
      select: { id: true },
    });
    const alice = await person("alice");
    const bob = await person("bob");
    const mine = await seedDemo(prisma, { now: NOW, weeks: 1, ownerUserId: alice.id });
    const theirs = await seedDemo(prisma, { now: NOW, weeks: 1, ownerUserId: bob.id });
    assert.equal(await prisma.membership.count({ where: { userId: squatter.id } }), 0, "the squatter is in no demo team");
    const members = async (teamId: string) =>
      (await prisma.membership.findMany({ where: { teamId }, select: { userId: true } })).map((m) => m.userId);
    const [a, b] = [await members(mine.teamId), await members(theirs.teamId)];
    assert.equal(a.length, DEMO_PERSONAS.length + 1);
    assert.deepEqual(a.filter((id) => b.includes(id)), [], "no person is in both demo teams");

    // Deleting one demo team takes its own demo people with it and leaves the other's whole.
    const deleted = await deleteDemo(prisma, theirs.teamId);
    assert.equal(deleted.users, DEMO_PERSONAS.length);
    assert.equal(await prisma.membership.count({ where: { teamId: mine.teamId } }), DEMO_PERSONAS.length + 1);
    assert.ok(await prisma.user.findUnique({ where: { id: bob.id } }), "the explorer stays");
  });
});
