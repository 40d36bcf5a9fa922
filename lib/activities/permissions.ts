// Who may do what with an activity. Every action and route handler asks these, never ad-hoc role checks.
import { hasTeamRole, type TeamAccess } from "@/lib/teams/access";

export interface ActivityOwner {
  authorId: string;
}

export function canViewActivity(access: TeamAccess, activity: ActivityOwner): boolean {
  return activity.authorId === access.userId || hasTeamRole(access, "manager");
}

/** Text, date and minutes belong to the author. */
export function canEditActivity(access: TeamAccess, activity: ActivityOwner): boolean {
  return activity.authorId === access.userId;
}

/** Tags may be confirmed or corrected by the author and by managers reviewing the team's entries. */
export function canRetagActivity(access: TeamAccess, activity: ActivityOwner): boolean {
  return activity.authorId === access.userId || hasTeamRole(access, "manager");
}

export function canDeleteActivity(access: TeamAccess, activity: ActivityOwner): boolean {
  return activity.authorId === access.userId || hasTeamRole(access, "admin");
}

/**
 * Undoing a delete: an admin may, and so may whoever deleted the entry if they still could delete it. An author
 * cannot bring back what an admin removed (rows deleted before deletedById existed count as the author's own).
 */
export function canRestoreActivity(access: TeamAccess, activity: ActivityOwner & { deletedById: string | null }): boolean {
  if (hasTeamRole(access, "admin")) return true;
  return canDeleteActivity(access, activity) && (activity.deletedById === null || activity.deletedById === access.userId);
}

/** Managers and admins review the suggested corrections and decide whether members' corrections teach at once. */
export function canReviewCorrections(access: TeamAccess): boolean {
  return hasTeamRole(access, "manager");
}

/** A manager's or admin's correction teaches the team model at once; a member's only when the team trusts everyone's. */
export function correctionTeachesAtOnce(access: TeamAccess, teamTrustsMembers: boolean): boolean {
  return hasTeamRole(access, "manager") || teamTrustsMembers;
}
