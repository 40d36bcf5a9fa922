// Exploring and deleting the demo workspace costs seconds of CPU each (thousands of entries tagged and written):
// one person gets a bounded number of them per hour, counted in the database so every instance shares the count.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { prisma } from "@/lib/db/client";
import { RateLimited } from "@/lib/errors";
import { openTestDatabase } from "@/lib/reports/test-database";
import { DEMO_LIMIT, deleteDemoFor, exploreDemo } from "./explore";

let database: { close(): Promise<void> };

before(async () => {
  database = await openTestDatabase();
});

after(async () => {
  await database.close();
});

describe("demo limits", () => {
  it("explore and delete together are limited per person, and the limit is per person", async () => {
    const user = await prisma.user.create({ data: { email: `explorer-${randomUUID().slice(0, 8)}@example.test`, name: "Explorer", passwordHash: "x" } });
    const seed = { weeks: 1, now: new Date("2025-03-05T04:00:00Z") };
    let used = 0;
    const first = await exploreDemo(user.id, seed);
    used++;
    await deleteDemoFor(user.id, first.slug);
    used++;
    while (used < DEMO_LIMIT.max) {
      await exploreDemo(user.id, seed);
      used++;
    }
    const teams = await prisma.team.count({ where: { isDemo: true } });
    await assert.rejects(exploreDemo(user.id, seed), RateLimited);
    assert.equal(await prisma.team.count({ where: { isDemo: true } }), teams, "a refused explore builds nothing");
    const other = await prisma.user.create({ data: { email: `other-${randomUUID().slice(0, 8)}@example.test`, name: "Other", passwordHash: "x" } });
    assert.ok((await exploreDemo(other.id, seed)).slug);
  });
});
