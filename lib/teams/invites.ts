import "server-only";
// Using an invite: at sign-up (a new account) or signed in (an existing one). Either way the invite is consumed in
// the same transaction that adds the membership (and, at sign-up, creates the account), with a conditional update:
// of any number of concurrent uses exactly one commits, and a refused one leaves nothing behind.
// An invite made for an address admits that address only, and works only while the admin who made it is still
// an admin of the team: removing or demoting them revokes their open invites (./members.ts).
import { isReservedEmail, normaliseEmail } from "@/lib/auth/email";
import { hashPassword } from "@/lib/auth/password";
import { recordAudit } from "@/lib/audit/record";
import { prisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { Conflict, Invalid, NotFound } from "@/lib/errors";
import { findInvite, validateNewUser, type InviteState, type NewUserInput } from "./mutations";

type Tx = Prisma.TransactionClient;
type FoundInvite = NonNullable<Awaited<ReturnType<typeof findInvite>>["invite"]>;

/** OPSMIX_SIGNUP, read when asked (tests and operators change it without a rebuild). */
export function signUpMode(env: Record<string, string | undefined> = process.env): "open" | "invite-only" {
  return env.OPSMIX_SIGNUP === "invite-only" ? "invite-only" : "open";
}

function refuseUnusable(state: InviteState, invite: FoundInvite | null): FoundInvite {
  if (state === "unknown" || !invite) throw new NotFound();
  if (state === "expired") throw new Invalid("errors.inviteExpired");
  if (state === "used") throw new Invalid("errors.inviteUsed");
  if (state === "revoked") throw new Invalid("security.errors.inviteRevoked");
  return invite;
}

function refuseOtherEmail(invite: FoundInvite, email: string): void {
  if (invite.email && invite.email !== normaliseEmail(email)) throw new Invalid("security.errors.inviteOtherEmail");
}

/** Consumes the invite for `user` and adds the membership; throws (rolling the transaction back) when it cannot. */
async function consumeInvite(tx: Tx, invite: FoundInvite, user: { id: string; email: string }): Promise<void> {
  refuseOtherEmail(invite, user.email);
  const inviter = await tx.membership.findUnique({
    where: { teamId_userId: { teamId: invite.teamId, userId: invite.createdById } },
    select: { role: true },
  });
  if (inviter?.role !== "admin") throw new Invalid("security.errors.inviteRevoked");
  const consumed = await tx.invite.updateMany({
    where: { id: invite.id, usedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    data: { usedAt: new Date(), usedById: user.id },
  });
  if (consumed.count !== 1) throw new Invalid("errors.inviteUsed");
  const existing = await tx.membership.findUnique({ where: { teamId_userId: { teamId: invite.teamId, userId: user.id } } });
  if (!existing) await tx.membership.create({ data: { teamId: invite.teamId, userId: user.id, role: invite.role } });
  await tx.auditEvent.create({
    data: { action: "invite.accept", teamId: invite.teamId, actorId: user.id, targetType: "invite", targetId: invite.id },
  });
}

/** Sign-up through an invite link: the account exists only if the invite admitted it. */
export async function signUpWithInvite(input: NewUserInput, token: string): Promise<{ userId: string; email: string; teamSlug: string }> {
  const found = await findInvite(token);
  const invite = refuseUnusable(found.state, found.invite);
  const { email, name } = validateNewUser(input);
  refuseOtherEmail(invite, email);
  const passwordHash = await hashPassword(input.password);
  try {
    return await prisma.$transaction(async (tx) => {
      const user = await tx.user.create({ data: { email, name, passwordHash }, select: { id: true, email: true } });
      await consumeInvite(tx, invite, user);
      return { userId: user.id, email: user.email, teamSlug: invite.team.slug };
    });
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") throw new Conflict("errors.emailTaken");
    throw error;
  }
}

/** A signed-in person joins the invite's team. */
export async function acceptInvite(token: string, userId: string): Promise<{ teamSlug: string }> {
  const found = await findInvite(token);
  const invite = refuseUnusable(found.state, found.invite);
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { id: true, email: true } });
    if (isReservedEmail(user.email)) throw new NotFound();
    await consumeInvite(tx, invite, user);
    return { teamSlug: invite.team.slug };
  });
}


/** The team's invites that could still be used, newest first, for the team settings page (admins only). */
export async function listOpenInvites(teamId: string) {
  const invites = await prisma.invite.findMany({
    where: { teamId, usedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
    take: 200,
    select: { id: true, email: true, role: true, expiresAt: true, createdAt: true, createdById: true },
  });
  const makers = await prisma.user.findMany({
    where: { id: { in: [...new Set(invites.map((invite) => invite.createdById))] } },
    select: { id: true, name: true },
  });
  const names = new Map(makers.map((maker) => [maker.id, maker.name]));
  return invites.map(({ createdById, ...invite }) => ({ ...invite, createdByName: names.get(createdById) ?? "" }));
}

/** An admin revokes one of the team's open invites; another team's (or a spent) invite is "not found". */
export async function revokeInvite(teamId: string, actorId: string, inviteId: string): Promise<void> {
  if (typeof inviteId !== "string" || inviteId.length > 64) throw new NotFound();
  const revoked = await prisma.invite.updateMany({
    where: { id: inviteId, teamId, usedAt: null, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (revoked.count !== 1) throw new NotFound();
  await recordAudit({ action: "invite.revoke", teamId, actorId, targetType: "invite", targetId: inviteId });
}
