// Where a bar, cell or point leads: the filtered entry list behind it. Managers land on the team's entry list,
// members on their own week (they cannot open the team list).
export interface DrillFilter {
  from: string;
  to: string;
  role?: string | null;
  stage?: string | null;
  member?: string | null;
  needsReview?: boolean;
  /** The dashboard's preset range ("this-week"), so the list can name it and lead back (breadcrumb). */
  preset?: string | null;
}

/** Marks a list opened from the dashboard: the list shows a breadcrumb back to it. */
export const FROM_DASHBOARD = "dashboard";

export function drillHref(teamSlug: string, canViewTeam: boolean, filter: DrillFilter): string {
  const params = new URLSearchParams({ from: filter.from, to: filter.to });
  if (filter.role) params.set("role", filter.role);
  if (filter.stage) params.set("stage", filter.stage);
  if (canViewTeam && filter.member) params.set("member", filter.member);
  if (filter.needsReview) params.set(canViewTeam ? "needsReview" : "review", "1");
  params.set("via", FROM_DASHBOARD);
  if (filter.preset) params.set("range", filter.preset);
  return `/t/${encodeURIComponent(teamSlug)}/${canViewTeam ? "entries" : "week"}?${params}`;
}

/** A week of the trend, clipped to the window's last day so the list matches the number that was clicked. */
export function weekWindow(monday: string, windowEnd: string): { from: string; to: string } {
  const sunday = new Date(Date.parse(`${monday}T00:00:00Z`) + 6 * 86_400_000).toISOString().slice(0, 10);
  return { from: monday, to: sunday < windowEnd ? sunday : windowEnd };
}
