import "server-only";
// Who is looking at a Learn page, in which team and language. Pages render "not found" when this is null.
import { getLocale } from "next-intl/server";
import { getViewer, type Viewer } from "@/lib/auth/session";
import { DEFAULT_LOCALE, isLocale, type Locale } from "@/lib/i18n/locales";
import { findTeamAccess, type TeamAccess } from "@/lib/teams/access";

export interface LearnContext {
  viewer: Viewer;
  access: TeamAccess;
  locale: Locale;
}

export async function learnContext(teamSlug: string): Promise<LearnContext | null> {
  const viewer = await getViewer();
  if (!viewer) return null;
  const access = await findTeamAccess(viewer.id, teamSlug);
  if (!access) return null;
  const locale = await getLocale();
  return { viewer, access, locale: isLocale(locale) ? locale : DEFAULT_LOCALE };
}
