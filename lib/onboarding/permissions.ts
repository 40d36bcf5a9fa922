// Who may do what in onboarding. Every action and page asks these, never ad-hoc role checks.
// Reading the library, the guides and practising are open to every member of the team: that is the point of
// the library (examples are shared so new hires can learn from them), with names hidden when the team asks.
import { hasTeamRole, type TeamAccess } from "@/lib/teams/access";

/** Managers pick the golden examples and say why. */
export function canPinGolden(access: TeamAccess): boolean {
  return hasTeamRole(access, "manager");
}

/** Whether members' names show in the example library is a team decision. */
export function canChangeLibrarySettings(access: TeamAccess): boolean {
  return hasTeamRole(access, "manager");
}

/** Each learner sees their own scores; managers see the whole team's onboarding progress. */
export function canViewTeamProgress(access: TeamAccess): boolean {
  return hasTeamRole(access, "manager");
}
