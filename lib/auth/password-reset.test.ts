// Reset links against a real database: only for a member of the admin's own team who signs in with a password,
// once, within 24 hours, ending sessions and API tokens; a refused password leaves the link usable.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { prisma } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import { openTestDatabase } from "@/lib/reports/test-database";
import { createApiToken } from "./api-tokens";
import { verifyPassword } from "./password";
import { createResetLink, findResetLink, resetPasswordWithLink } from "./password-reset";
import { NO_PASSWORD } from "./sso-accounts";

let database: { close(): Promise<void> };
before(async () => {
  database = await openTestDatabase();
});
after(async () => {
  await database.close();
});

const id = () => randomUUID().slice(0, 8);
const refusedWith = (key: string) => (error: unknown) => error instanceof DomainError && error.messageKey === key;

async function teamWith(...members: { passwordHash?: string; role?: "member" | "admin" }[]) {
  const team = await prisma.team.create({ data: { slug: `t-${id()}`, name: "T" }, select: { id: true } });
  const users = [];
  for (const member of members) {
    const user = await prisma.user.create({ data: { email: `u-${id()}@example.test`, name: "U", passwordHash: member.passwordHash ?? "x" }, select: { id: true, email: true } });
    await prisma.membership.create({ data: { teamId: team.id, userId: user.id, role: member.role ?? "member" } });
    users.push(user);
  }
  return { teamId: team.id, users };
}

describe("password reset links", () => {
  it("sets the password once, ends sessions and tokens; a refused password leaves the link usable", async () => {
    const { teamId, users: [admin, member] } = await teamWith({ role: "admin" }, {});
    await createApiToken(member!.id, "script");
    const token = await createResetLink(teamId, admin!.id, member!.id);
    assert.deepEqual(await findResetLink(token), { state: "valid", email: member!.email });
    await assert.rejects(resetPasswordWithLink(token, "Good-pass-123", "Other-pass-123"), refusedWith("errors.passwordMismatch"));
    assert.equal((await findResetLink(token)).state, "valid");
    await resetPasswordWithLink(token, "Good-pass-123", "Good-pass-123");
    const row = await prisma.user.findUniqueOrThrow({ where: { id: member!.id }, select: { passwordHash: true, sessionVersion: true } });
    assert.equal(await verifyPassword(row.passwordHash, "Good-pass-123"), true);
    assert.equal(row.sessionVersion, 1);
    assert.equal(await prisma.apiToken.count({ where: { userId: member!.id, revokedAt: null } }), 0);
    assert.equal((await findResetLink(token)).state, "used");
    await assert.rejects(resetPasswordWithLink(token, "Next-pass-456", "Next-pass-456"), refusedWith("security.reset.errors.used"));
    assert.equal(await prisma.passwordResetLink.count({ where: { tokenHash: token } }), 0, "only the hash is stored");
  });

  it("another team's member is not found; not for oneself, nor for an account without a password", async () => {
    const mine = await teamWith({ role: "admin" }, { passwordHash: NO_PASSWORD });
    const theirs = await teamWith({});
    await assert.rejects(createResetLink(mine.teamId, mine.users[0]!.id, theirs.users[0]!.id), (error: unknown) => error instanceof DomainError && error.code === "not_found");
    await assert.rejects(createResetLink(mine.teamId, mine.users[0]!.id, mine.users[0]!.id), refusedWith("security.reset.errors.self"));
    await assert.rejects(createResetLink(mine.teamId, mine.users[0]!.id, mine.users[1]!.id), refusedWith("security.reset.errors.sso"));
  });

  it("a newer link replaces the older; leaving the team, or 24 hours, ends a link", async () => {
    const { teamId, users: [admin, member] } = await teamWith({ role: "admin" }, {});
    const first = await createResetLink(teamId, admin!.id, member!.id);
    const second = await createResetLink(teamId, admin!.id, member!.id);
    assert.equal((await findResetLink(first)).state, "used");
    assert.equal((await findResetLink(second)).state, "valid");
    await prisma.passwordResetLink.updateMany({ where: { userId: member!.id, usedAt: null }, data: { expiresAt: new Date(Date.now() - 1000) } });
    assert.equal((await findResetLink(second)).state, "expired");
    const third = await createResetLink(teamId, admin!.id, member!.id);
    await prisma.membership.deleteMany({ where: { teamId, userId: member!.id } });
    assert.equal((await findResetLink(third)).state, "used");
    assert.equal((await findResetLink("not-a-link")).state, "unknown");
  });
});
