import "server-only";
// Who is looking at a Learn page, in which team and language. Pages render "not found" when this is null.
import type { Viewer } from "@/lib/auth/session";
import type { Locale } from "@/lib/i18n/locales";
import type { TeamAccess } from "@/lib/teams/access";
import { teamPageWithLocale } from "@/lib/teams/context";

export interface LearnContext {
  viewer: Viewer;
  access: TeamAccess;
  locale: Locale;
}

/** Through teamPage: signed out or another team renders "not found" (callers' null checks stay harmless). */
export async function learnContext(teamSlug: string): Promise<LearnContext | null> {
  return teamPageWithLocale(teamSlug);
}
