// What a team role may do, named for the decision. Call sites ask `canInvite(access)`, never compare role strings.
import type { TeamAccess, TeamRole } from "./access";

type Who = Pick<TeamAccess, "role">;

const RANK: Record<TeamRole, number> = { member: 0, manager: 1, admin: 2 };

/** True when the role is at least `atLeast` (the ladder member < manager < admin). Prefer the named helpers below. */
export function hasTeamRole(access: Who, atLeast: TeamRole): boolean {
  return RANK[access.role] >= RANK[atLeast];
}

/** Change members' roles and remove members. */
export const canManageMembers = (access: Who) => hasTeamRole(access, "admin");
/** Create invite links. */
export const canInvite = (access: Who) => hasTeamRole(access, "admin");
/** Change the team's settings (name, time zone, review threshold). */
export const canManageTeamSettings = (access: Who) => hasTeamRole(access, "admin");
/** See the whole team's entries and reports, and any one member's. */
export const canSeeTeam = (access: Who) => hasTeamRole(access, "manager");
/** Confirm or re-tag many entries at once. */
export const canReviewEntries = (access: Who) => hasTeamRole(access, "manager");
/** Delete a demo team's data (inside that demo team). */
export const canDeleteDemo = (access: Who) => hasTeamRole(access, "manager");
/** Any member of the team: the floor for every team surface. */
export const isMember = (_access: Who) => true;

/** May this viewer see this member's entries and effort? Themself always; anyone in the team when they see the team. */
export function canSeeMember(access: Pick<TeamAccess, "role" | "userId">, memberId: string): boolean {
  return memberId === access.userId || canSeeTeam(access);
}

/** Whose entries a list or report covers: one team, and one author or (null) everyone in it. */
export interface MemberScope {
  teamId: string;
  authorId: string | null;
}

/**
 * Whose entries the viewer may see, shared by the entry lists and exports and by every report (weekly, effort,
 * dashboards) so they answer "whose work is this" the same way. No member asked for: everyone's for those who see
 * the team, else only their own. A member asked for (a user id already known to be in the team): that member, or
 * null when the viewer may not see them (callers answer "not found" or an empty list, never everything).
 */
export function memberScope(access: Pick<TeamAccess, "role" | "userId" | "teamId">, memberId?: string | null): MemberScope | null {
  if (!memberId) return { teamId: access.teamId, authorId: canSeeTeam(access) ? null : access.userId };
  return canSeeMember(access, memberId) ? { teamId: access.teamId, authorId: memberId } : null;
}

/** Write comments (点评) on members' entries and weekly reports, changing an entry's tags with the comment. */
export const canComment = (access: Who) => hasTeamRole(access, "manager");

/**
 * May this viewer read the comments about this member? The member themself, and those who see the team; another
 * member never sees comments on someone else's work (comments are feedback to one person, not a team thread).
 */
export const canSeeComments = (access: Pick<TeamAccess, "role" | "userId">, memberId: string) => canSeeMember(access, memberId);

/** Edit or delete a comment: only whoever wrote it, and only while they may still comment. */
export function canEditComment(access: Pick<TeamAccess, "role" | "userId">, comment: { authorId: string }): boolean {
  return comment.authorId === access.userId && canComment(access);
}
