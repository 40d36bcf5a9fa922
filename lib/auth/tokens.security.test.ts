// API tokens outlive no password: changing the password or signing out everywhere revokes them unless the person
// chooses to keep them, and a new token costs the account's password (and is rate-limited per person).
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { prisma } from "@/lib/db/client";
import { DomainError, RateLimited } from "@/lib/errors";
import { openTestDatabase } from "@/lib/reports/test-database";
import { changePassword, createApiTokenWithPassword, signOutEverywhere } from "./account-security";
import { userFromBearer } from "./api-tokens";
import { hashPassword } from "./password";

let database: { close(): Promise<void> };
const PASSWORD = "a long and unusual passphrase 42";

before(async () => {
  database = await openTestDatabase();
});

after(async () => {
  await database.close();
});

async function person() {
  const email = `tokens-${randomUUID().slice(0, 8)}@example.test`;
  const user = await prisma.user.create({ data: { email, name: "Tokens", passwordHash: await hashPassword(PASSWORD) }, select: { id: true, email: true } });
  return user;
}

const works = async (token: string) => (await userFromBearer(`Bearer ${token}`, { touch: false })) !== null;

describe("API tokens and the account's password", () => {
  it("a password change revokes the tokens by default, and keeps them only when asked", async () => {
    const user = await person();
    const { token } = await createApiTokenWithPassword(user.id, "ci", PASSWORD);
    await changePassword(user, { current: PASSWORD, next: "another long passphrase 43", repeat: "another long passphrase 43" });
    assert.equal(await works(token), false, "the old token stops working");
    const kept = await createApiTokenWithPassword(user.id, "kept", "another long passphrase 43");
    await changePassword(user, { current: "another long passphrase 43", next: "a third long passphrase 44", repeat: "a third long passphrase 44", keepTokens: true });
    assert.equal(await works(kept.token), true);
  });

  it("signing out everywhere revokes the tokens by default, and keeps them only when asked", async () => {
    const user = await person();
    const kept = await createApiTokenWithPassword(user.id, "kept", PASSWORD);
    await signOutEverywhere(user.id, { keepTokens: true });
    assert.equal(await works(kept.token), true);
    await signOutEverywhere(user.id);
    assert.equal(await works(kept.token), false);
    assert.equal(await prisma.apiToken.count({ where: { userId: user.id, revokedAt: null } }), 0);
  });

  it("a token needs the account's password; a wrong one makes none", async () => {
    const user = await person();
    await assert.rejects(createApiTokenWithPassword(user.id, "stolen session", "not the password"), (error: unknown) => error instanceof DomainError && error.messageKey === "errors.passwordWrong");
    assert.equal(await prisma.apiToken.count({ where: { userId: user.id } }), 0);
  });

  it("a person makes at most ten tokens in an hour", async () => {
    const user = await person();
    for (let i = 0; i < 10; i++) await createApiTokenWithPassword(user.id, `t${i}`, PASSWORD);
    await assert.rejects(createApiTokenWithPassword(user.id, "one too many", PASSWORD), RateLimited);
    assert.equal(await prisma.apiToken.count({ where: { userId: user.id } }), 10);
  });
});
