// Bearer tokens on the lean write path: a write checks the token live, counts its rate limit and stamps it in one
// statement; a read may reuse an answer for TOKEN_CACHE_MS and writes nothing.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { prisma } from "@/lib/db/client";
import { RateLimited } from "@/lib/errors";
import { openTestDatabase } from "@/lib/reports/test-database";
import { createApiToken, revokeApiToken, TOKEN_CACHE_MS, userFromBearer, userFromBearerForWrite } from "./api-tokens";

let database: { close(): Promise<void> };
const LIMIT = { max: 600, windowSeconds: 60 };

before(async () => {
  database = await openTestDatabase();
});

after(async () => {
  await database.close();
});

async function newToken() {
  const user = await prisma.user.create({ data: { email: `token-${randomUUID()}@example.test`, name: "Token 用户", passwordHash: "x" }, select: { id: true } });
  const created = await createApiToken(user.id, "test");
  return { userId: user.id, tokenId: created.id, header: `Bearer ${created.token}` };
}

const lastUsed = async (tokenId: string) => (await prisma.apiToken.findUniqueOrThrow({ where: { id: tokenId }, select: { lastUsedAt: true } })).lastUsedAt;

describe("userFromBearerForWrite", () => {
  it("names the token's user and stamps lastUsedAt once a minute, in UTC like every other timestamp", async () => {
    const { userId, tokenId, header } = await newToken();
    const auth = await userFromBearerForWrite(header, LIMIT);
    assert.equal(auth?.user.id, userId);
    assert.equal(auth?.user.name, "Token 用户");
    const first = await lastUsed(tokenId);
    assert.ok(first, "lastUsedAt set on the first write");
    assert.ok(Math.abs(first.getTime() - Date.now()) < 60_000, `lastUsedAt ${first.toISOString()} is now, not shifted by a time zone`);
    await userFromBearerForWrite(header, LIMIT);
    assert.equal((await lastUsed(tokenId))?.getTime(), first.getTime(), "not re-stamped within the minute");
  });

  it("refuses a revoked token and a disabled user on the very next write, even right after a cached read", async () => {
    const revoked = await newToken();
    assert.ok(await userFromBearer(revoked.header));
    // Revoked by another instance (straight in the database): this instance's cache does not know.
    await prisma.apiToken.update({ where: { id: revoked.tokenId }, data: { revokedAt: new Date() } });
    assert.equal(await userFromBearerForWrite(revoked.header, LIMIT), null);
    assert.equal(await userFromBearer(revoked.header), null, "the refused write also drops the cached answer");

    const disabled = await newToken();
    assert.ok(await userFromBearerForWrite(disabled.header, LIMIT));
    await prisma.user.update({ where: { id: disabled.userId }, data: { disabledAt: new Date() } });
    assert.equal(await userFromBearerForWrite(disabled.header, LIMIT), null);
  });

  it("holds the token's allowance exactly under concurrency, then says when to retry", async () => {
    const { header } = await newToken();
    const limit = { max: 5, windowSeconds: 60 };
    const results = await Promise.allSettled(Array.from({ length: 12 }, () => userFromBearerForWrite(header, limit)));
    assert.equal(results.filter((r) => r.status === "fulfilled").length, 5);
    for (const r of results.filter((r): r is PromiseRejectedResult => r.status === "rejected")) {
      assert.ok(r.reason instanceof RateLimited);
      assert.ok(r.reason.retryAfterSeconds >= 1 && r.reason.retryAfterSeconds <= 60);
    }
  });

  it("reads the caller's membership in the named team (or the oldest one), and nothing for another team", async () => {
    const { userId, header } = await newToken();
    assert.equal((await userFromBearerForWrite(header, LIMIT))?.membership, null, "no team yet");
    const suffix = randomUUID().slice(0, 8);
    const first = await prisma.team.create({ data: { slug: `first-${suffix}`, name: "第一队", timeZone: "Asia/Tokyo", reviewThreshold: 0.6 }, select: { id: true } });
    const second = await prisma.team.create({ data: { slug: `second-${suffix}`, name: "Second" }, select: { id: true } });
    const other = await prisma.team.create({ data: { slug: `other-${suffix}`, name: "Other" }, select: { id: true } });
    await prisma.membership.create({ data: { teamId: first.id, userId, role: "manager", createdAt: new Date(Date.now() - 60_000) } });
    await prisma.membership.create({ data: { teamId: second.id, userId, role: "member" } });
    const otherUser = await prisma.user.create({ data: { email: `other-${suffix}@example.test`, name: "Other", passwordHash: "x" }, select: { id: true } });
    await prisma.membership.create({ data: { teamId: other.id, userId: otherUser.id, role: "admin" } });

    const oldest = (await userFromBearerForWrite(header, LIMIT))?.membership;
    assert.deepEqual(oldest, { teamId: first.id, slug: `first-${suffix}`, name: "第一队", timeZone: "Asia/Tokyo", role: "manager", modelVersion: 0, reviewThreshold: 0.6 });
    assert.equal((await userFromBearerForWrite(header, LIMIT, `second-${suffix}`))?.membership?.teamId, second.id);
    const outsider = await userFromBearerForWrite(header, LIMIT, `other-${suffix}`);
    assert.equal(outsider?.user.id, userId, "the token is still good");
    assert.equal(outsider?.membership, null, "another team's membership is never read");
    assert.equal((await userFromBearerForWrite(header, LIMIT, "no-such-team"))?.membership, null);
  });

  it("refuses malformed and unknown tokens without counting anything", async () => {
    const before = await prisma.rateLimit.count();
    assert.equal(await userFromBearerForWrite(null, LIMIT), null);
    assert.equal(await userFromBearerForWrite("Bearer not-ours", LIMIT), null);
    assert.equal(await userFromBearerForWrite(`Bearer om_${"x".repeat(43)}`, LIMIT), null);
    assert.equal(await prisma.rateLimit.count(), before);
  });
});

describe("userFromBearer (reads)", () => {
  it("writes nothing, and a revocation elsewhere is seen once the cache interval has passed", async () => {
    const { tokenId, header } = await newToken();
    assert.ok(await userFromBearer(header));
    assert.equal(await lastUsed(tokenId), null, "a read does not stamp the token");
    await prisma.apiToken.update({ where: { id: tokenId }, data: { revokedAt: new Date() } });
    await new Promise((resolve) => setTimeout(resolve, TOKEN_CACHE_MS + 100));
    assert.equal(await userFromBearer(header), null);
  });

  it("a revocation on this instance takes effect at once", async () => {
    const { userId, tokenId, header } = await newToken();
    assert.ok(await userFromBearer(header));
    await revokeApiToken(userId, tokenId);
    assert.equal(await userFromBearer(header), null);
  });
});
