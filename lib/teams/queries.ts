import "server-only";
// Reading a team's members: one select for the member pickers (entries, dashboard) and one for team settings.
import { prisma } from "@/lib/db/client";
import { usesPassword } from "@/lib/auth/password-reset";
import type { TeamAccess } from "./access";
import { canSeeTeam, memberScope, type MemberScope } from "./permissions";

/** The team's members, oldest first, for member filters. */
export async function listTeamMembers(access: Pick<TeamAccess, "teamId">): Promise<{ id: string; name: string }[]> {
  const rows = await prisma.membership.findMany({ where: { teamId: access.teamId }, orderBy: { createdAt: "asc" }, select: { user: { select: { id: true, name: true } } } });
  return rows.map((row) => row.user);
}

/**
 * The team's members with their roles and emails, oldest first (team settings; callers check canManageMembers), and
 * whether each signs in with a password (an admin can make a reset link for those only). No hash leaves here.
 */
export async function listTeamMembersWithRoles(access: Pick<TeamAccess, "teamId">) {
  const rows = await prisma.membership.findMany({
    where: { teamId: access.teamId },
    orderBy: { createdAt: "asc" },
    select: { role: true, user: { select: { id: true, name: true, email: true, passwordHash: true, breakGlass: true } } },
  });
  return rows.map(({ role, user: { passwordHash, breakGlass, ...user } }) => ({ role, user, usesPassword: usesPassword({ passwordHash, breakGlass }) }));
}

/** Whether the team is a demo workspace. */
export async function isDemoTeam(access: Pick<TeamAccess, "teamId">): Promise<boolean> {
  return (await prisma.team.findUniqueOrThrow({ where: { id: access.teamId }, select: { isDemo: true } })).isDemo;
}

/**
 * The scope of a list or report narrowed to `member` (a user id or e-mail address), through memberScope: null when
 * nobody in the team answers to it, or the viewer may not see them. No member: the viewer's default scope.
 */
export async function memberScopeFor(access: TeamAccess, member: string | null | undefined): Promise<MemberScope | null> {
  if (!member) return memberScope(access);
  if (member === access.userId) return memberScope(access, member);
  // Ids and e-mail addresses only: control characters (a NUL would end up as a database error) name nobody.
  if (member.length > 254 || /[\u0000-\u001f\u007f]/.test(member)) return null;
  // A member may only name themself: another id is refused without asking the database.
  if (!canSeeTeam(access) && !member.includes("@")) return null;
  const membership = await prisma.membership.findFirst({
    where: { teamId: access.teamId, user: member.includes("@") ? { email: member.toLowerCase() } : { id: member } },
    select: { userId: true },
  });
  return membership ? memberScope(access, membership.userId) : null;
}
