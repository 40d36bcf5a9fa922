import "server-only";
// One way into a team. Every page, server action and route finds its viewer and team here, on one TeamAccess, and
// is refused the way its surface should be: a page renders "not found", an action gets a translated FormState
// (the thrown domain error, through `failure`), a route or the API answers translated JSON. Another team, or a role
// the permission does not allow, is "not found" to pages and routes (no existence leak).
import { notFound, redirect } from "next/navigation";
import { getLocale } from "next-intl/server";
import { getViewer, requireViewer, viewerAction, viewerPage, type Viewer } from "@/lib/auth/session";
import { DomainError, NotFound, Unauthenticated } from "@/lib/errors";
import { toResponse } from "@/lib/http/responses";
import { DEFAULT_LOCALE, isLocale, type Locale } from "@/lib/i18n/locales";
import { requestLocale } from "@/lib/i18n/translate";
import { apiTeam, findTeamAccess, requireTeamPermission, type TeamAccess } from "./access";
import { isMember } from "./permissions";

export type { TeamAccess, Viewer };

/** A permission, named for its decision (lib/teams/permissions.ts, or an entity's permissions module). */
export type TeamPermission = (access: TeamAccess) => boolean;

export interface TeamContext {
  viewer: Viewer;
  access: TeamAccess;
}

function slugOf(value: unknown): string {
  return typeof value === "string" ? value.slice(0, 64) : "";
}

export { apiTeam, viewerAction, viewerPage };

/** A team page: the viewer and their access, or notFound() when signed out, not a member or not allowed. */
export async function teamPage(slug: string, can: TeamPermission = isMember): Promise<TeamContext> {
  const viewer = await getViewer();
  const access = viewer ? await findTeamAccess(viewer.id, slug) : null;
  if (!viewer || !access || !can(access)) notFound();
  return { viewer, access };
}

/** The team layout: signed out goes to sign-in (back to this team afterwards), another team is "not found". */
export async function teamLayout(slug: string): Promise<TeamContext> {
  const viewer = await getViewer();
  if (!viewer) redirect(`/signin?callbackUrl=${encodeURIComponent(`/t/${slug}/today`)}`);
  const access = await findTeamAccess(viewer.id, slug);
  if (!access) notFound();
  return { viewer, access };
}

/** Like teamPage, plus the page's locale (for pages that render domain text outside next-intl's hooks). */
export async function teamPageWithLocale(slug: string, can: TeamPermission = isMember): Promise<TeamContext & { locale: Locale }> {
  const context = await teamPage(slug, can);
  const locale = await getLocale();
  return { ...context, locale: isLocale(locale) ? locale : DEFAULT_LOCALE };
}

/**
 * A server action: the viewer and their access, or a thrown Unauthenticated / NotFound / Forbidden (audited) that the
 * action's `failure(error)` turns into a translated FormState.
 */
export async function teamAction(slug: unknown, can: TeamPermission = isMember): Promise<TeamContext> {
  const viewer = await requireViewer();
  return { viewer, access: await requireTeamPermission(viewer.id, slugOf(slug), can) };
}

/**
 * For actions bound straight to a <form> (no state to report into): a lapsed session goes to sign-in and any other
 * refusal is "not found", rather than an error page with status 500.
 */
export async function teamFormAction(slug: unknown, can: TeamPermission = isMember): Promise<TeamContext> {
  try {
    return await teamAction(slug, can);
  } catch (error) {
    if (error instanceof Unauthenticated) redirect("/signin");
    if (error instanceof DomainError) notFound();
    throw error;
  }
}

export interface RouteContext extends TeamContext {
  request: Request;
  locale: Locale;
}

/**
 * A route handler under /t/[team]/ (cookie session): runs `handler` with the viewer and access; refusals and domain
 * errors answer translated JSON through toResponse (signed out, another team or not allowed: 404).
 */
export function teamRoute(handler: (context: RouteContext) => Promise<Response>, can: TeamPermission = isMember) {
  return async (request: Request, { params }: { params: Promise<{ team: string }> }): Promise<Response> => {
    const { team } = await params;
    const viewer = await getViewer();
    const locale = requestLocale(request.headers, viewer?.locale);
    try {
      const access = viewer ? await findTeamAccess(viewer.id, team) : null;
      if (!viewer || !access || !can(access)) throw new NotFound();
      return await handler({ request, locale, viewer, access });
    } catch (error) {
      return toResponse(error, locale);
    }
  };
}
