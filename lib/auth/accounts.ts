import "server-only";
// Changes to an account: the owner's language, and the operator's from the CLI: disabling an account, setting a new password for one whose owner
// forgot theirs (a self-hosted install sends no email: the operator hands the new password over).
import { randomBytes } from "node:crypto";
import { prisma } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { DomainError, NotFound } from "@/lib/errors";
import { normaliseEmail } from "./email";
import { hashPassword, passwordProblem } from "./password";
import { passwordAllowed } from "./sso-config";

/**
 * Disables an account: sign-in is refused, every session ends on its next request (the session version moves)
 * and its API tokens stop working. Memberships and entries stay, so the team's history is intact.
 */
export async function disableUser(email: string, actorId: string | null = null): Promise<{ id: string; email: string; alreadyDisabled: boolean }> {
  const user = await prisma.user.findUnique({ where: { email: normaliseEmail(email) }, select: { id: true, email: true, disabledAt: true } });
  if (!user) throw new NotFound();
  await prisma.user.update({
    where: { id: user.id },
    data: { disabledAt: user.disabledAt ?? new Date(), sessionVersion: { increment: 1 } },
  });
  await recordAudit({ action: "user.disable", actorId, targetType: "user", targetId: user.id });
  return { id: user.id, email: user.email, alreadyDisabled: user.disabledAt !== null };
}

/**
 * Sets a new password (the one given, or a generated one) and ends every session of the account, so whoever held
 * the old password is signed out too. A disabled account stays disabled. Returns the password to hand over.
 */
export async function resetPassword(
  email: string,
  password?: string,
  actorId: string | null = null,
): Promise<{ id: string; email: string; password: string; generated: boolean; disabled: boolean }> {
  const user = await prisma.user.findUnique({ where: { email: normaliseEmail(email) }, select: { id: true, email: true, disabledAt: true, breakGlass: true } });
  if (!user) throw new NotFound();
  // OPSMIX_AUTH=sso-only: a password would not let them in; their IdP manages how they sign in.
  if (!passwordAllowed(user)) throw new DomainError("invalid", "sso.errors.ssoOnlyPassword");
  const generated = password === undefined;
  // 18 random bytes: 24 characters of base64url, far beyond any guessing within the sign-in limits.
  const next = password ?? randomBytes(18).toString("base64url");
  const problem = passwordProblem(next, user.email);
  if (problem) throw new DomainError("invalid", problem);
  await prisma.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(next), sessionVersion: { increment: 1 } } });
  await recordAudit({ action: "user.password.reset", actorId, targetType: "user", targetId: user.id });
  return { id: user.id, email: user.email, password: next, generated, disabled: user.disabledAt !== null };
}

export async function setUserLocale(viewer: { id: string }, locale: string): Promise<void> {
  await prisma.user.update({ where: { id: viewer.id }, data: { locale } });
}

/** Marks (or unmarks) a break-glass account: it may still sign in with a password when OPSMIX_AUTH=sso-only. */
export async function setBreakGlass(email: string, on: boolean, actorId: string | null = null): Promise<{ id: string; email: string }> {
  const user = await prisma.user.findUnique({ where: { email: normaliseEmail(email) }, select: { id: true, email: true } });
  if (!user) throw new NotFound();
  await prisma.user.update({ where: { id: user.id }, data: { breakGlass: on } });
  await recordAudit({ action: on ? "user.break-glass.on" : "user.break-glass.off", actorId, targetType: "user", targetId: user.id });
  return user;
}
