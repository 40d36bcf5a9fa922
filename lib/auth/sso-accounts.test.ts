// Just-in-time SSO accounts against a real database: create and place by domain, reuse, link a password account,
// refuse a disabled account or an e-mail already linked to another identity, and claimable domains.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { prisma } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import { openTestDatabase } from "@/lib/reports/test-database";
import { addEmailDomain, normaliseEmailDomain } from "@/lib/teams/email-domains";
import { accountForSsoIdentity, NO_PASSWORD } from "./sso-accounts";
import { verifyPassword } from "./password";

let database: { close(): Promise<void> };
const ISSUER = "https://idp.example.test";

before(async () => {
  database = await openTestDatabase();
});
after(async () => {
  await database.close();
});

function identity(email: string, subject = `sub-${randomUUID()}`) {
  return { issuer: ISSUER, subject, email, name: "林", locale: "zh-CN" as const };
}

async function team(): Promise<{ id: string }> {
  return prisma.team.create({ data: { slug: `t-${randomUUID().slice(0, 8)}`, name: "T" }, select: { id: true } });
}

describe("SSO accounts", () => {
  it("creates the account once, in the team that claimed the domain, with no usable password", async () => {
    const { id: teamId } = await team();
    const domain = `acme-${randomUUID().slice(0, 8)}.test`;
    await addEmailDomain(teamId, `@${domain.toUpperCase()}`, "admin");
    const who = identity(`lin@${domain}`);
    const first = await accountForSsoIdentity(who);
    assert.ok(first.ok);
    const again = await accountForSsoIdentity(who);
    assert.deepEqual(again, first);
    const row = await prisma.user.findUniqueOrThrow({ where: { id: first.user.id }, select: { passwordHash: true, locale: true } });
    assert.equal(row.passwordHash, NO_PASSWORD);
    assert.equal(await verifyPassword(row.passwordHash, NO_PASSWORD), false);
    assert.equal(row.locale, "zh-CN");
    const memberships = await prisma.membership.findMany({ where: { userId: first.user.id }, select: { teamId: true, role: true } });
    assert.deepEqual(memberships, [{ teamId, role: "member" }]);
  });

  it("concurrent first sign-ins make one account", async () => {
    const who = identity(`twice-${randomUUID().slice(0, 8)}@example.test`);
    const results = await Promise.all([accountForSsoIdentity(who), accountForSsoIdentity(who), accountForSsoIdentity(who)]);
    const ids = new Set(results.map((r) => (r.ok ? r.user.id : r.reason)));
    assert.equal(ids.size, 1);
    assert.equal(await prisma.user.count({ where: { email: who.email } }), 1);
  });

  it("links a password account with the same e-mail and keeps its memberships", async () => {
    const email = `pw-${randomUUID().slice(0, 8)}@example.test`;
    const existing = await prisma.user.create({ data: { email, name: "Password", passwordHash: "x" }, select: { id: true } });
    const result = await accountForSsoIdentity(identity(email, "sub-linked"));
    assert.ok(result.ok);
    assert.equal(result.user.id, existing.id);
    const row = await prisma.user.findUniqueOrThrow({ where: { id: existing.id }, select: { oidcSubject: true, passwordHash: true } });
    assert.deepEqual(row, { oidcSubject: "sub-linked", passwordHash: "x" });
  });

  it("refuses an e-mail already linked to another identity, and a disabled account", async () => {
    const email = `taken-${randomUUID().slice(0, 8)}@example.test`;
    assert.ok((await accountForSsoIdentity(identity(email, "sub-a"))).ok);
    const other = await accountForSsoIdentity(identity(email, "sub-b"));
    assert.equal(!other.ok && other.reason, "conflict");
    await prisma.user.update({ where: { email }, data: { disabledAt: new Date() } });
    const disabled = await accountForSsoIdentity(identity(email, "sub-a"));
    assert.equal(!disabled.ok && disabled.reason, "disabled");
  });
});

describe("claimable e-mail domains", () => {
  it("normalises what admins type and refuses what is not a company domain", () => {
    assert.equal(normaliseEmailDomain(" @Example.COM. "), "example.com");
    assert.equal(normaliseEmailDomain("例子.中国"), "xn--fsqu00a.xn--fiqs8s");
    for (const bad of ["", "example", "a@b.com", "http://x.com", "10.0.0.1", "exa mple.com"]) {
      assert.throws(() => normaliseEmailDomain(bad), (error: unknown) => error instanceof DomainError && error.messageKey === "sso.errors.domainInvalid", bad);
    }
    assert.throws(() => normaliseEmailDomain("QQ.com"), (error: unknown) => error instanceof DomainError && error.messageKey === "sso.errors.domainPublic");
  });

  it("one team per domain", async () => {
    const [a, b] = [await team(), await team()];
    const domain = `one-${randomUUID().slice(0, 8)}.test`;
    await addEmailDomain(a.id, domain, "admin");
    await addEmailDomain(a.id, domain, "admin");
    await assert.rejects(addEmailDomain(b.id, domain, "admin"), (error: unknown) => error instanceof DomainError && error.code === "conflict");
  });
});
