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

/** Members see their own entries; managers and admins see the whole team's. */
export function canViewTeamEntries(access: TeamAccess): boolean {
  return hasTeamRole(access, "manager");
}
