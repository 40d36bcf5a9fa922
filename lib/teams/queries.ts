import "server-only";
// Reading a team's members: one select for the member pickers (entries, dashboard) and one for team settings.
import { prisma } from "@/lib/db/client";
import type { TeamAccess } from "./access";

/** The team's members, oldest first, for member filters. */
export async function listTeamMembers(access: Pick<TeamAccess, "teamId">): Promise<{ id: string; name: string }[]> {
  const rows = await prisma.membership.findMany({ where: { teamId: access.teamId }, orderBy: { createdAt: "asc" }, select: { user: { select: { id: true, name: true } } } });
  return rows.map((row) => row.user);
}

/** The team's members with their roles and emails, oldest first (team settings; callers check canManageMembers). */
export async function listTeamMembersWithRoles(access: Pick<TeamAccess, "teamId">) {
  return prisma.membership.findMany({
    where: { teamId: access.teamId },
    orderBy: { createdAt: "asc" },
    select: { role: true, user: { select: { id: true, name: true, email: true } } },
  });
}

/** Whether the team is a demo workspace. */
export async function isDemoTeam(access: Pick<TeamAccess, "teamId">): Promise<boolean> {
  return (await prisma.team.findUniqueOrThrow({ where: { id: access.teamId }, select: { isDemo: true } })).isDemo;
}
