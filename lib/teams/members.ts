import "server-only";
// Membership changes an admin makes: a member's role, removing a member, founding another team.
// Callers have checked that the actor is an admin of the team; these own the rules that keep a team whole:
// - a team always keeps an admin. The check runs in the change's own transaction on the team's admin rows, locked
//   (SELECT … FOR UPDATE), so two admins demoting or removing each other at once cannot both succeed;
// - an admin's open invites die with their admin role (demoted or removed): an invite speaks for the team only
//   while the admin who made it still could.
import { randomBytes } from "node:crypto";
import { prisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { recordAudit } from "@/lib/audit/record";
import { Forbidden, Invalid, NotFound } from "@/lib/errors";
import type { TeamRole } from "./access";
import { signUpMode } from "./invites";
import { createTeam, validateTeamName } from "./mutations";
import { slugFromName } from "./slug";

type Tx = Prisma.TransactionClient;

/** The team's admins, row-locked until the transaction ends; the actor must be one of them. */
async function lockAdmins(tx: Tx, teamId: string, actorId: string): Promise<string[]> {
  const rows = await tx.$queryRaw<{ userId: string }[]>`
    SELECT "userId" FROM "Membership" WHERE "teamId" = ${teamId} AND "role" = 'admin' ORDER BY "id" FOR UPDATE`;
  const admins = rows.map((row) => row.userId);
  // Demoted or removed by another admin a moment ago: this change is no longer theirs to make.
  if (!admins.includes(actorId)) throw new Forbidden();
  return admins;
}

async function revokeInvitesBy(tx: Tx, teamId: string, userId: string): Promise<number> {
  const revoked = await tx.invite.updateMany({
    where: { teamId, createdById: userId, usedAt: null, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return revoked.count;
}

export async function changeMemberRole(teamId: string, actorId: string, userId: string, role: TeamRole): Promise<void> {
  const invitesRevoked = await prisma.$transaction(async (tx) => {
    const admins = await lockAdmins(tx, teamId, actorId);
    const membership = await tx.membership.findUnique({ where: { teamId_userId: { teamId, userId } } });
    if (!membership) throw new NotFound();
    let revoked = 0;
    if (membership.role === "admin" && role !== "admin") {
      if (admins.length <= 1) throw new Invalid("errors.lastAdmin");
      revoked = await revokeInvitesBy(tx, teamId, userId);
    }
    await tx.membership.update({ where: { id: membership.id }, data: { role } });
    await tx.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
    return revoked;
  });
  await recordAudit({ action: "member.role.change", teamId, actorId, targetType: "user", targetId: userId, detail: { role, invitesRevoked } });
}

export async function removeMember(teamId: string, actorId: string, userId: string): Promise<void> {
  const invitesRevoked = await prisma.$transaction(async (tx) => {
    const admins = await lockAdmins(tx, teamId, actorId);
    const membership = await tx.membership.findUnique({ where: { teamId_userId: { teamId, userId } } });
    if (!membership) throw new NotFound();
    if (membership.role === "admin" && admins.length <= 1) throw new Invalid("errors.lastAdmin");
    const revoked = await revokeInvitesBy(tx, teamId, userId);
    await tx.membership.delete({ where: { id: membership.id } });
    await tx.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
    return revoked;
  });
  await recordAudit({ action: "member.remove", teamId, actorId, targetType: "user", targetId: userId, detail: { invitesRevoked } });
}

/**
 * A signed-in person founds another team and becomes its admin. Under OPSMIX_SIGNUP=invite-only only someone who
 * already administers a (real) team may: they can invite anyone already, so nothing opens that was closed, while
 * an invited member founding a team would hand themselves the right to invite whom they like.
 */
export async function createTeamForUser(userId: string, teamName: string): Promise<{ id: string; slug: string }> {
  const name = validateTeamName(teamName);
  if (signUpMode() === "invite-only") {
    const administers = await prisma.membership.count({ where: { userId, role: "admin", team: { isDemo: false } } });
    if (administers === 0) throw new Forbidden("security.errors.teamCreationClosed");
  }
  return createTeam({ name, founderId: userId });
}
