import "server-only";
// What every dashboard page starts from: the viewer, their team access, the URL's filters and the report scope.
// Returns null when the page must be "not found" (signed out, another team, another member's view).
import { todayIn } from "@/lib/activities/rules";
import { prisma } from "@/lib/db/client";
import { DomainError, NotFound } from "@/lib/errors";
import type { TeamAccess } from "@/lib/teams/access";
import { teamPage } from "@/lib/teams/context";
import { isDemoTeam, listTeamMembers } from "@/lib/teams/queries";
import { parseDashboardQueryLenient, type DashboardQuery } from "./filters";
import { canViewTeamReport, reportScope, type ReportScope } from "./permissions";

export interface DashboardContext {
  access: TeamAccess;
  viewerName: string;
  query: DashboardQuery;
  /** A filter the URL got wrong (shown, and replaced by the default). */
  error: DomainError | null;
  scope: ReportScope;
  canViewTeam: boolean;
  /** The team's members, for the member filter (managers only; empty for members). */
  members: { id: string; name: string }[];
  /** Name of the member the view is narrowed to, if any. */
  scopedName: string | null;
  isDemo: boolean;
}

export function toSearchParams(raw: Record<string, string | string[] | undefined>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(raw)) if (typeof value === "string" && value !== "") params.set(key, value);
  return params;
}

export async function loadDashboardContext(teamSlug: string, raw: Record<string, string | string[] | undefined>): Promise<DashboardContext | null> {
  const { viewer, access } = await teamPage(teamSlug);
  const { query, error } = parseDashboardQueryLenient(toSearchParams(raw), todayIn(access.timeZone));
  let scope: ReportScope;
  try {
    scope = await reportScope(access, query.member);
  } catch (caught) {
    if (caught instanceof NotFound) return null;
    throw caught;
  }
  const canViewTeam = canViewTeamReport(access);
  const [memberList, isDemo] = await Promise.all([canViewTeam ? listTeamMembers(access) : Promise.resolve([]), isDemoTeam(access)]);
  const scopedName = scope.authorId ? (scope.authorId === viewer.id ? viewer.name : (memberList.find((m) => m.id === scope.authorId)?.name ?? null)) : null;
  // A member's id in the URL is normalised (an email becomes the id) so links built from the query stay valid.
  return { access, viewerName: viewer.name, query: { ...query, member: query.member ? scope.authorId : null }, error, scope, canViewTeam, members: memberList, scopedName, isDemo };
}

/** True when the team has no entries at all (a fresh install): the dashboard offers the demo workspace then. */
export async function teamHasEntries(teamId: string): Promise<boolean> {
  return (await prisma.activity.findFirst({ where: { teamId, deletedAt: null }, select: { id: true } })) !== null;
}
