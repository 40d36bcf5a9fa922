import "server-only";
// Whose effort a viewer may see: managers and admins the whole team (or any one member), a member only their own.
// Another member, or someone outside the team, is "not found" for a member and a manager alike.
import { prisma } from "@/lib/db/client";
import { NotFound } from "@/lib/errors";
import { hasTeamRole, type TeamAccess } from "@/lib/teams/access";

export interface ReportScope {
  teamId: string;
  /** Only this author's entries; null for the whole team. */
  authorId: string | null;
}

export function canViewTeamReport(access: TeamAccess): boolean {
  return hasTeamRole(access, "manager");
}

/** May set the team's target mix. */
export function canSetTargets(access: TeamAccess): boolean {
  return hasTeamRole(access, "manager");
}

/**
 * The scope of a report for this viewer. `member` (a user id or email) narrows a manager's view to one member;
 * a plain member may only name themself. No member: the team for managers, themself for members.
 */
export async function reportScope(access: TeamAccess, member: string | null | undefined): Promise<ReportScope> {
  if (!member) return { teamId: access.teamId, authorId: canViewTeamReport(access) ? null : access.userId };
  if (member === access.userId) return { teamId: access.teamId, authorId: access.userId };
  // Ids and emails only: control characters (a NUL would end up as a database error) name nobody.
  if (member.length > 254 || /[\u0000-\u001f\u007f]/.test(member) || (!canViewTeamReport(access) && !member.includes("@"))) throw new NotFound();
  const membership = await prisma.membership.findFirst({
    where: { teamId: access.teamId, user: member.includes("@") ? { email: member.toLowerCase() } : { id: member } },
    select: { userId: true },
  });
  if (!membership || (!canViewTeamReport(access) && membership.userId !== access.userId)) throw new NotFound();
  return { teamId: access.teamId, authorId: membership.userId };
}
