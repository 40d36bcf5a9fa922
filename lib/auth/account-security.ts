import "server-only";
// What a person does to secure their own account: change the password, end every session, make an API token.
// An API token is as strong as a password (it reads and writes the person's teams), so it outlives neither a
// password change nor "sign out everywhere" unless the person asks to keep it, and making one needs the password:
// a borrowed or stolen session alone cannot mint a lasting key. An account without a password (single sign-on)
// confirms at its identity provider instead (./reauth.ts).
import { prisma } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { Invalid } from "@/lib/errors";
import { apiTokenName, createApiToken, forgetCachedTokensOf } from "./api-tokens";
import { spendReauthGrant } from "./reauth";
import { currentSessionId } from "./session";
import { hitRateLimit, type Limit } from "./rate-limit";
import { hashPassword, passwordProblem, verifyPassword } from "./password";
import { passwordAllowed } from "./sso-config";

/** New tokens per person (wrong passwords count too): per-token API limits cannot be dodged by minting more. */
export const TOKEN_CREATION_LIMIT: Limit = { max: 10, windowSeconds: 3600 };

type Tx = Parameters<Parameters<typeof prisma.$transaction>[0]>[0];

export async function revokeEveryToken(tx: Tx, userId: string): Promise<number> {
  const revoked = await tx.apiToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
  forgetCachedTokensOf(userId); // this instance's read cache (lib/auth/api-tokens.ts); others' lapses within 5 s
  return revoked.count;
}

export interface PasswordChange {
  current: string;
  next: string;
  repeat: string;
  /** API tokens are revoked with the old password unless the person chooses to keep them. */
  keepTokens?: boolean;
}

export async function changePassword(viewer: { id: string; email: string }, change: PasswordChange): Promise<void> {
  if (change.next !== change.repeat) throw new Invalid("errors.passwordMismatch", { field: "repeat" });
  const user = await prisma.user.findUniqueOrThrow({ where: { id: viewer.id }, select: { passwordHash: true, breakGlass: true } });
  // OPSMIX_AUTH=sso-only: passwords are not used by this account any more (its IdP manages how it signs in).
  if (!passwordAllowed(user)) throw new Invalid("sso.errors.ssoOnlyPassword");
  if (!(await verifyPassword(user.passwordHash, change.current))) throw new Invalid("errors.passwordWrong", { field: "current" });
  const problem = passwordProblem(change.next, viewer.email);
  if (problem) throw new Invalid(problem, { field: "next" });
  // Bumping the session version signs out every other session; the client signs in again with the new password.
  const passwordHash = await hashPassword(change.next);
  const tokensRevoked = await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: viewer.id }, data: { passwordHash, sessionVersion: { increment: 1 } } });
    return change.keepTokens ? 0 : revokeEveryToken(tx, viewer.id);
  });
  await recordAudit({ action: "auth.password.change", actorId: viewer.id, detail: { tokensRevoked } });
}

export async function signOutEverywhere(userId: string, options: { keepTokens?: boolean } = {}): Promise<void> {
  const tokensRevoked = await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
    return options.keepTokens ? 0 : revokeEveryToken(tx, userId);
  });
  await recordAudit({ action: "auth.logout.everywhere", actorId: userId, detail: { tokensRevoked } });
}

/** A new personal API token, for the person who can give the account's password (rate-limited per person). */
export async function createApiTokenWithPassword(userId: string, name: string, password: string) {
  await hitRateLimit(`token:create:user:${userId}`, TOKEN_CREATION_LIMIT);
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true } });
  if (!(await verifyPassword(user.passwordHash, password))) throw new Invalid("errors.passwordWrong");
  const created = await createApiToken(userId, name);
  await recordAudit({ action: "token.create", actorId: userId, targetType: "apiToken", targetId: created.id });
  return created;
}

/** A new personal API token for an account without a password: spends this session's fresh confirmation at the IdP. */
export async function createApiTokenWithReauth(userId: string, name: string) {
  await hitRateLimit(`token:create:user:${userId}`, TOKEN_CREATION_LIMIT);
  apiTokenName(name);
  const sessionId = await currentSessionId();
  // Spent and used in one transaction: a token that fails to be made leaves the confirmation unspent.
  const created = await prisma.$transaction(async (tx) => {
    if (!(await spendReauthGrant(tx, userId, sessionId, "token.create"))) throw new Invalid("sso.reauth.errors.required");
    return createApiToken(userId, name, tx);
  });
  await recordAudit({ action: "token.create", actorId: userId, targetType: "apiToken", targetId: created.id, detail: { confirmedBy: "sso" } });
  return created;
}
