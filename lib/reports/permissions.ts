import "server-only";
// Whose effort a viewer may see: managers and admins the whole team (or any one member), a member only their own.
// Another member, or someone outside the team, is "not found" for a member and a manager alike.
import { NotFound } from "@/lib/errors";
import { hasTeamRole, type TeamAccess } from "@/lib/teams/access";
import { canSeeTeam, type MemberScope } from "@/lib/teams/permissions";
import { memberScopeFor } from "@/lib/teams/queries";

/** Whose effort a report covers (lib/teams/permissions.ts memberScope). */
export type ReportScope = MemberScope;

/** Sees the whole team's reports (and any one member's). */
export const canViewTeamReport = (access: TeamAccess): boolean => canSeeTeam(access);

/** May set the team's target mix. */
export function canSetTargets(access: TeamAccess): boolean {
  return hasTeamRole(access, "manager");
}

/**
 * The scope of a report for this viewer (memberScopeFor): `member` (a user id or email) narrows a manager's view to
 * one member; a plain member may only name themself. Anyone else, or someone outside the team, is "not found".
 */
export async function reportScope(access: TeamAccess, member: string | null | undefined): Promise<ReportScope> {
  const scope = await memberScopeFor(access, member);
  if (!scope) throw new NotFound();
  return scope;
}
