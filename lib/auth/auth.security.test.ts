// Sign-in security that needs the database, in one file so the test database starts once:
// - throttling: the window's allowance holds under concurrency, and the caller's address can only be chosen by a
//   proxy the operator trusts (TRUST_PROXY), never by the client;
// - sessions: who is signed in is decided from the database on every request, not from the cookie alone, and each
//   way a session ends (sign-out, password or role change, removal, disable, idle and absolute limits) is refused.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { createServer, request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import fc from "fast-check";
import { prisma } from "@/lib/db/client";
import { RateLimited } from "@/lib/errors";
import { capturePeerAddresses } from "@/lib/http/client-address";
import { openTestDatabase } from "@/lib/reports/test-database";
import { resetPassword } from "./accounts";
import { hashPassword, verifyPassword } from "./password";
import { SESSION_ABSOLUTE_SECONDS } from "./options";
import {
  assertUnderRateLimit,
  auditThrottledAttempt,
  clientIp,
  hitRateLimit,
  pruneThrottlingBookkeeping,
  THROTTLED_AUDIT_RETENTION_DAYS,
  trustedProxyHops,
} from "./rate-limit";
import { isSessionRevoked, newSessionId, revokeSession } from "./revocation";
import { viewerFromClaims } from "./session";

let database: { close(): Promise<void> };
let userId: string;

before(async () => {
  database = await openTestDatabase();
  const user = await prisma.user.create({ data: { email: `session-${randomUUID()}@example.test`, name: "Session", passwordHash: "x" }, select: { id: true } });
  userId = user.id;
});

after(async () => {
  await prisma.user.delete({ where: { id: userId } });
  await database.close();
});

const now = () => Math.floor(Date.now() / 1000);
const claims = (over: Record<string, unknown> = {}) => ({ uid: userId, sv: 0, authAt: now() - 60, sid: newSessionId(), ...over });

const headers = (values: Record<string, string>) => new Headers(values);

describe("clientIp", () => {
  it("ignores forwarding headers unless TRUST_PROXY is set", () => {
    const spoofed = headers({ "x-forwarded-for": "6.6.6.6", "x-real-ip": "7.7.7.7" });
    assert.equal(clientIp(spoofed, {}), "unknown");
    assert.equal(clientIp(spoofed, { TRUST_PROXY: "0" }), "unknown");
    assert.equal(clientIp(spoofed, { TRUST_PROXY: "no" }), "unknown");
  });

  it("behind N trusted proxies takes the N-th address from the right, which the client cannot forge", () => {
    const chain = headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.7, 10.0.0.2" });
    assert.equal(clientIp(chain, { TRUST_PROXY: "1" }), "10.0.0.2");
    assert.equal(clientIp(chain, { TRUST_PROXY: "2" }), "203.0.113.7");
    assert.equal(clientIp(chain, { TRUST_PROXY: "true" }), "10.0.0.2");
    assert.equal(clientIp(headers({ "x-forwarded-for": "203.0.113.7" }), { TRUST_PROXY: "3" }), "203.0.113.7");
    assert.equal(clientIp(headers({ "x-real-ip": "203.0.113.9" }), { TRUST_PROXY: "1" }), "203.0.113.9");
    assert.equal(clientIp(headers({ "x-forwarded-for": `${"9".repeat(500)}` }), { TRUST_PROXY: "1" }).length, 64);
    assert.equal(trustedProxyHops({ TRUST_PROXY: "99" }), 0);
  });

  it("without a proxy uses the TCP peer address recorded before Next sees the request", async () => {
    capturePeerAddresses();
    const server = createServer((req, res) => {
      const seen = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") seen.set(name, value);
      res.end(clientIp(seen, {}));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const answer = await new Promise<string>((resolve, reject) => {
      const req = httpRequest({ port, host: "127.0.0.1", headers: { "x-forwarded-for": "6.6.6.6", "x-real-ip": "7.7.7.7" } }, (res) => {
        let body = "";
        res.on("data", (chunk) => (body += chunk));
        res.on("end", () => resolve(body));
      });
      req.on("error", reject);
      req.end();
    });
    server.close();
    assert.equal(answer.replace(/^::ffff:/, ""), "127.0.0.1");
  });
});

describe("rate limits", () => {
  it("allows exactly the window's allowance, even to concurrent callers, then says when to retry", async () => {
    const key = `test:${randomUUID()}`;
    const limit = { max: 10, windowSeconds: 60 };
    const results = await Promise.allSettled(Array.from({ length: 30 }, () => hitRateLimit(key, limit)));
    assert.equal(results.filter((r) => r.status === "fulfilled").length, 10);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    assert.equal(refused.length, 20);
    for (const r of refused) {
      assert.ok(r.reason instanceof RateLimited);
      assert.ok(r.reason.retryAfterSeconds >= 1 && r.reason.retryAfterSeconds <= 60);
    }
  });

  it("a lapsed window starts again", async () => {
    const key = `test:${randomUUID()}`;
    const limit = { max: 1, windowSeconds: 2 };
    await hitRateLimit(key, limit);
    await assert.rejects(hitRateLimit(key, limit), RateLimited);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    await hitRateLimit(key, limit);
  });

  it("checking a limit does not count against it", async () => {
    const key = `test:${randomUUID()}`;
    const limit = { max: 2, windowSeconds: 60 };
    for (let i = 0; i < 5; i++) await assertUnderRateLimit(key, limit);
    await hitRateLimit(key, limit);
    await assertUnderRateLimit(key, limit);
    await hitRateLimit(key, limit);
    await assert.rejects(assertUnderRateLimit(key, limit), RateLimited);
  });
});

describe("bounded growth of throttling bookkeeping", () => {
  it("pruning drops lapsed counters and old refusals of anonymous attempts, and keeps the rest", async () => {
    const tag = randomUUID();
    await prisma.rateLimit.createMany({
      data: [
        { key: `lapsed:${tag}`, count: 99, resetAt: new Date(Date.now() - 3600_000) },
        { key: `live:${tag}`, count: 3, resetAt: new Date(Date.now() + 60_000) },
      ],
    });
    const old = new Date(Date.now() - (THROTTLED_AUDIT_RETENTION_DAYS + 1) * 86_400_000);
    await prisma.auditEvent.createMany({
      data: [
        { action: "auth.signin.throttled", ip: `old-${tag}`, createdAt: old },
        { action: "auth.signin.throttled", ip: `new-${tag}` },
        { action: "auth.signin.failure", ip: `old-${tag}`, createdAt: old },
      ],
    });
    await pruneThrottlingBookkeeping();
    const keys = (await prisma.rateLimit.findMany({ where: { key: { endsWith: tag } }, select: { key: true } })).map((row) => row.key);
    assert.deepEqual(keys, [`live:${tag}`]);
    const audit = await prisma.auditEvent.findMany({ where: { ip: { endsWith: tag } }, select: { action: true, ip: true }, orderBy: { action: "asc" } });
    assert.deepEqual(audit, [
      { action: "auth.signin.failure", ip: `old-${tag}` },
      { action: "auth.signin.throttled", ip: `new-${tag}` },
    ]);
  });

  it("a flood of refused attempts from one address writes one audit row per window", async () => {
    const ip = `flood-${randomUUID()}`;
    for (let i = 0; i < 20; i++) await auditThrottledAttempt("auth.signin.throttled", ip, { email: `x${i}@example.test` });
    assert.equal(await prisma.auditEvent.count({ where: { action: "auth.signin.throttled", ip } }), 1);
    await auditThrottledAttempt("auth.signin.throttled", `${ip}-other`, {});
    assert.equal(await prisma.auditEvent.count({ where: { action: "auth.signin.throttled", ip: `${ip}-other` } }), 1);
  });
});

describe("viewerFromClaims", () => {
  it("accepts a current session", async () => {
    assert.equal((await viewerFromClaims(claims()))?.id, userId);
  });

  it("refuses missing or malformed claims", async () => {
    for (const bad of [null, undefined, {}, claims({ sid: undefined }), claims({ uid: { not: "x" } }), claims({ sv: "0" }), claims({ authAt: "1" }), claims({ authAt: undefined })]) {
      assert.equal(await viewerFromClaims(bad as never), null, JSON.stringify(bad));
    }
  });

  it("refuses a sign-in older than the absolute limit, however active", async () => {
    assert.equal(await viewerFromClaims(claims({ authAt: now() - SESSION_ABSOLUTE_SECONDS - 1 })), null);
    assert.ok(await viewerFromClaims(claims({ authAt: now() - SESSION_ABSOLUTE_SECONDS + 60 })));
  });

  it("refuses a signed-out session id, until the day it would have lapsed anyway", async () => {
    const sid = newSessionId();
    await revokeSession(sid, userId, new Date(Date.now() + 60_000));
    assert.equal(await viewerFromClaims(claims({ sid })), null);
    assert.ok(await viewerFromClaims(claims()));
    const lapsed = newSessionId();
    await revokeSession(lapsed, userId, new Date(Date.now() - 1000));
    assert.equal(await prisma.revokedSession.count({ where: { sid: lapsed } }), 0, "a lapsed revocation is dropped at the next sign-out");
    assert.equal(await isSessionRevoked(lapsed), false);
  });

  it("refuses every session once the session version moves (password, role, removal, sign out everywhere)", async () => {
    await prisma.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
    assert.equal(await viewerFromClaims(claims({ sv: 0 })), null);
    assert.ok(await viewerFromClaims(claims({ sv: 1 })));
  });

  it("refuses a disabled account", async () => {
    await prisma.user.update({ where: { id: userId }, data: { disabledAt: new Date() } });
    assert.equal(await viewerFromClaims(claims({ sv: 1 })), null);
    await prisma.user.update({ where: { id: userId }, data: { disabledAt: null } });
  });

  it("never throws on any claims a forged or damaged token could carry", async () => {
    await fc.assert(
      fc.asyncProperty(fc.record({ uid: fc.anything(), sv: fc.anything(), authAt: fc.anything(), sid: fc.anything() }, { requiredKeys: [] }), async (c) => {
        const viewer = await viewerFromClaims(c as never);
        assert.ok(viewer === null || viewer.id === userId);
      }),
      { numRuns: 200 },
    );
  });
});

describe("password reset by an operator (cli user:reset-password)", () => {
  it("sets a strong generated password, ends every session and is audited; the old password stops working", async () => {
    const email = `forgot-${randomUUID()}@example.test`;
    const user = await prisma.user.create({ data: { email, name: "Forgot", passwordHash: await hashPassword("old-password-4711") }, select: { id: true } });
    try {
      const claimsBefore = { uid: user.id, sv: 0, authAt: now() - 60, sid: newSessionId() };
      assert.ok(await viewerFromClaims(claimsBefore));
      const result = await resetPassword(email.toUpperCase());
      assert.equal(result.generated, true);
      assert.equal(result.password.length, 24);
      const after = await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } });
      assert.equal(await verifyPassword(after.passwordHash, result.password), true);
      assert.equal(await verifyPassword(after.passwordHash, "old-password-4711"), false);
      assert.equal(await viewerFromClaims(claimsBefore), null, "a session from before the reset is refused");
      assert.equal(await prisma.auditEvent.count({ where: { action: "user.password.reset", targetId: user.id } }), 1);
      // A second reset gives a different password.
      assert.notEqual((await resetPassword(email)).password, result.password);
      // A chosen password must pass the same policy as sign-up.
      await assert.rejects(resetPassword(email, "password"), (error: Error & { messageKey?: string }) => error.messageKey === "errors.passwordCommon");
      await assert.rejects(resetPassword(email, "short"), (error: Error & { messageKey?: string }) => error.messageKey === "errors.passwordTooShort");
      const chosen = await resetPassword(email, "a-long-chosen-passphrase");
      assert.equal(chosen.generated, false);
    } finally {
      await prisma.auditEvent.deleteMany({ where: { targetId: user.id } });
      await prisma.user.delete({ where: { id: user.id } });
    }
  });

  it("answers not found for an unknown email", async () => {
    await assert.rejects(resetPassword(`nobody-${randomUUID()}@example.test`), (error: Error & { code?: string }) => error.code === "not_found");
  });
});
