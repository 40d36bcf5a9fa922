import "server-only";
// Just-in-time accounts for single sign-on: the IdP's identity finds the account it is linked to, else links the
// password account with the same (verified) e-mail, else creates one and places it in the team that claimed the
// e-mail's domain. A disabled account is refused however valid the IdP's answer is.
import { prisma } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import type { SsoIdentity, SsoRefusal } from "./sso-claims";
import { passwordAllowed } from "./sso-config";

/** The password hash of an account made by single sign-on: no password verifies against it. */
export const NO_PASSWORD = "!sso-account";

export interface SsoUser {
  id: string;
  email: string;
  name: string;
  sessionVersion: number;
}

const USER_FIELDS = { id: true, email: true, name: true, sessionVersion: true, disabledAt: true, oidcIssuer: true, oidcSubject: true } as const;

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}

export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf("@") + 1);
}

async function createSsoUser(identity: SsoIdentity) {
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.create({
      data: {
        email: identity.email,
        name: identity.name,
        passwordHash: NO_PASSWORD,
        locale: identity.locale,
        oidcIssuer: identity.issuer,
        oidcSubject: identity.subject,
      },
      select: USER_FIELDS,
    });
    const claim = await tx.teamEmailDomain.findUnique({ where: { domain: emailDomain(identity.email) }, select: { teamId: true } });
    if (claim) {
      await tx.membership.create({ data: { teamId: claim.teamId, userId: user.id, role: "member" } });
      await tx.auditEvent.create({
        data: { action: "team.member.join", teamId: claim.teamId, actorId: user.id, targetType: "user", targetId: user.id, detail: { via: "sso-domain" } },
      });
    }
    return { user, placedIn: claim?.teamId ?? null };
  });
}

/** Finds, links or creates the account for this identity; returns it, or why it is refused. */
export async function accountForSsoIdentity(
  identity: SsoIdentity,
  ip?: string,
): Promise<{ ok: true; user: SsoUser } | { ok: false; reason: SsoRefusal; userId?: string }> {
  let user = await prisma.user.findUnique({
    where: { oidcIssuer_oidcSubject: { oidcIssuer: identity.issuer, oidcSubject: identity.subject } },
    select: USER_FIELDS,
  });
  if (!user) {
    const byEmail = await prisma.user.findUnique({ where: { email: identity.email }, select: USER_FIELDS });
    if (byEmail) {
      // Already linked to another identity of this or another IdP: the e-mail moved between people; an operator decides.
      if (byEmail.oidcSubject) return { ok: false, reason: "conflict", userId: byEmail.id };
      user = await prisma.user.update({
        where: { id: byEmail.id },
        data: { oidcIssuer: identity.issuer, oidcSubject: identity.subject },
        select: USER_FIELDS,
      });
      await recordAudit({ action: "user.sso.link", actorId: user.id, targetType: "user", targetId: user.id, ip, detail: { issuer: identity.issuer } });
    } else {
      try {
        const created = await createSsoUser(identity);
        user = created.user;
        await recordAudit({
          action: "user.sso.create",
          actorId: user.id,
          targetType: "user",
          targetId: user.id,
          ip,
          detail: { issuer: identity.issuer, placedIn: created.placedIn },
        });
      } catch (error) {
        // Two first sign-ins at once (two tabs): the other one created the account; use it.
        if (!isUniqueViolation(error)) throw error;
        return accountForSsoIdentity(identity, ip);
      }
    }
  }
  if (user.disabledAt) return { ok: false, reason: "disabled", userId: user.id };
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion } };
}

/** Whether password change belongs on this user's account page: not for accounts made by SSO, nor under sso-only. */
export async function managesOwnPassword(userId: string): Promise<boolean> {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { passwordHash: true, breakGlass: true } });
  return user !== null && user.passwordHash !== NO_PASSWORD && passwordAllowed(user);
}
