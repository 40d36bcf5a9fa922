// POST /api/v1/activities through the route as a client calls it: someone removed from the team, another team's slug,
// a disabled user and a revoked token are refused on the very next write, a removal is audited, and every accepted
// or refused-at-team write is counted against the token in the database.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { POST } from "@/app/api/v1/activities/route";
import { createApiToken } from "@/lib/auth/api-tokens";
import { prisma } from "@/lib/db/client";
import { openTestDatabase } from "@/lib/reports/test-database";

let database: { close(): Promise<void> };

before(async () => {
  database = await openTestDatabase();
});

after(async () => {
  await database.close();
});

async function writer() {
  const slug = `wr-${randomUUID().slice(0, 8)}`;
  const team = await prisma.team.create({ data: { slug, name: slug }, select: { id: true } });
  const user = await prisma.user.create({ data: { email: `${slug}@example.test`, name: slug, passwordHash: "x" }, select: { id: true } });
  await prisma.membership.create({ data: { teamId: team.id, userId: user.id, role: "member" } });
  const token = await createApiToken(user.id, "test");
  return { slug, teamId: team.id, userId: user.id, tokenId: token.id, header: `Bearer ${token.token}` };
}

async function write(header: string, slug: string | null, text = "社群答疑二十条") {
  const url = slug === null ? "http://localhost/api/v1/activities" : `http://localhost/api/v1/activities?team=${slug}`;
  const response = await POST(
    new Request(url, { method: "POST", headers: { authorization: header, "content-type": "application/json", "accept-language": "en" }, body: JSON.stringify({ text, date: "2026-12-01" }) }),
    { params: Promise.resolve({}) },
  );
  return { status: response.status, body: (await response.json()) as { activities?: { id: string }[]; error?: { code: string } } };
}

describe("write refusals on the lean path", () => {
  it("a member removed from the team is refused there on the very next write, as not found, and it is audited", async () => {
    const w = await writer();
    assert.equal((await write(w.header, w.slug)).status, 201);
    assert.equal((await write(w.header, null)).status, 201, "no slug: the first team");
    await prisma.membership.deleteMany({ where: { userId: w.userId } });
    const refused = await write(w.header, w.slug);
    assert.equal(refused.status, 404);
    assert.equal(refused.body.error?.code, "not_found");
    assert.equal((await write(w.header, null)).status, 404);
    assert.equal(await prisma.activity.count({ where: { teamId: w.teamId } }), 2);
    const audits = await prisma.auditEvent.count({ where: { actorId: w.userId, action: "access.denied" } });
    assert.equal(audits, 1, "the refusal in the named team is audited (no team at all: nothing to name)");
  });

  it("another team's slug is not found, exactly like a slug that does not exist", async () => {
    const w = await writer();
    const other = await writer();
    const theirs = await write(w.header, other.slug);
    const nowhere = await write(w.header, "no-such-team-here");
    assert.deepEqual([theirs.status, theirs.body], [nowhere.status, nowhere.body]);
    assert.equal(theirs.status, 404);
    assert.equal(await prisma.activity.count({ where: { teamId: other.teamId } }), 0);
  });

  it("a disabled user and a revoked token are refused on the very next write; each write is counted in the database", async () => {
    const w = await writer();
    assert.equal((await write(w.header, w.slug)).status, 201);
    assert.equal((await write(w.header, w.slug)).status, 201);
    const limit = await prisma.rateLimit.findFirstOrThrow({ where: { key: { endsWith: w.tokenId } }, select: { count: true } });
    assert.equal(limit.count, 2);
    await prisma.user.update({ where: { id: w.userId }, data: { disabledAt: new Date() } });
    assert.equal((await write(w.header, w.slug)).status, 401);
    await prisma.user.update({ where: { id: w.userId }, data: { disabledAt: null } });
    assert.equal((await write(w.header, w.slug)).status, 201);
    await prisma.apiToken.update({ where: { id: w.tokenId }, data: { revokedAt: new Date() } });
    assert.equal((await write(w.header, w.slug)).status, 401);
    assert.equal(await prisma.activity.count({ where: { teamId: w.teamId } }), 3);
  });
});
