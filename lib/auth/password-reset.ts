import "server-only";
// Reset links: a team admin makes a one-time link for a member who forgot their password and hands it over (a
// self-hosted install sends no e-mail); the member chooses a new password there. The link is stored as its sha256,
// lasts 24 hours, works once, and only while the person is still in the team that made it. Setting the password
// ends every session and revokes the API tokens, as a password change does.
import { randomBytes } from "node:crypto";
import { prisma } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { Invalid, NotFound } from "@/lib/errors";
import { revokeEveryToken } from "./account-security";
import { hashPassword, passwordProblem } from "./password";
import { NO_PASSWORD } from "./sso-accounts";
import { passwordAllowed } from "./sso-config";
import { hashToken } from "./token-hash";

import { RESET_LINK_HOURS } from "./reset-link-hours";
const TOKEN_MAX = 100;

/** Whether this account signs in with a password on this instance (a reset link is for those only). */
export function usesPassword(user: { passwordHash: string; breakGlass: boolean }): boolean {
  return user.passwordHash !== NO_PASSWORD && passwordAllowed(user);
}

/** A new reset link for a member of the admin's team (earlier unused links for them stop working). Returns the token. */
export async function createResetLink(teamId: string, actorId: string, userId: string): Promise<string> {
  const membership = await prisma.membership.findUnique({
    where: { teamId_userId: { teamId, userId } },
    select: { user: { select: { id: true, passwordHash: true, breakGlass: true } } },
  });
  if (!membership) throw new NotFound();
  if (userId === actorId) throw new Invalid("security.reset.errors.self");
  if (!usesPassword(membership.user)) throw new Invalid("security.reset.errors.sso");
  const token = randomBytes(32).toString("base64url");
  const now = new Date();
  await prisma.$transaction(async (tx) => {
    await tx.passwordResetLink.updateMany({ where: { userId, usedAt: null }, data: { usedAt: now } });
    await tx.passwordResetLink.create({
      data: { userId, teamId, createdById: actorId, tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + RESET_LINK_HOURS * 3600_000) },
    });
  });
  await recordAudit({ action: "user.password.reset-link", teamId, actorId, targetType: "user", targetId: userId });
  return token;
}

export type ResetLinkState = "valid" | "used" | "expired" | "unknown";

/** What the reset page shows: whose password the link sets, or why it cannot. */
export async function findResetLink(token: string): Promise<{ state: ResetLinkState; email?: string }> {
  if (typeof token !== "string" || token.length > TOKEN_MAX) return { state: "unknown" };
  const link = await prisma.passwordResetLink.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { usedAt: true, expiresAt: true, teamId: true, user: { select: { email: true, passwordHash: true, breakGlass: true, memberships: { select: { teamId: true } } } } },
  });
  if (!link) return { state: "unknown" };
  if (link.usedAt || !link.user.memberships.some((m) => m.teamId === link.teamId) || !usesPassword(link.user)) return { state: "used" };
  if (link.expiresAt.getTime() <= Date.now()) return { state: "expired" };
  return { state: "valid", email: link.user.email };
}

/** Sets the new password through a link: checked first, so a refused password leaves the link usable. */
export async function resetPasswordWithLink(token: string, next: string, repeat: string, ip?: string): Promise<{ email: string }> {
  const found = await findResetLink(token);
  if (found.state !== "valid" || !found.email) throw new Invalid(`security.reset.errors.${found.state}`);
  if (next !== repeat) throw new Invalid("errors.passwordMismatch");
  const problem = passwordProblem(next, found.email);
  if (problem) throw new Invalid(problem);
  const passwordHash = await hashPassword(next);
  const now = new Date();
  const result = await prisma.$transaction(async (tx) => {
    // Spent in the same statement that checks it: of two submissions, one sets the password.
    const link = await tx.passwordResetLink.findUnique({ where: { tokenHash: hashToken(token) }, select: { id: true, userId: true, teamId: true } });
    const spent = link ? await tx.passwordResetLink.updateMany({ where: { id: link.id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } }) : { count: 0 };
    if (!link || spent.count !== 1) throw new Invalid("security.reset.errors.used");
    await tx.user.update({ where: { id: link.userId }, data: { passwordHash, sessionVersion: { increment: 1 } } });
    return { ...link, tokensRevoked: await revokeEveryToken(tx, link.userId) };
  });
  await recordAudit({ action: "auth.password.reset", teamId: result.teamId, actorId: result.userId, targetType: "user", targetId: result.userId, ip, detail: { via: "link", tokensRevoked: result.tokensRevoked } });
  return { email: found.email };
}
