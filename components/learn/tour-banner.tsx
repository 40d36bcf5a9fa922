// The first-day offer on "My day": a 5-minute tour, shown until the member finishes or skips it.
// A server component with a server-action form for "skip": no client JS.
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { completeTour } from "@/lib/onboarding/actions";
import { tourPending } from "@/lib/onboarding/tour";

export async function TourBanner({ teamSlug, userId, teamId }: { teamSlug: string; userId: string; teamId: string }) {
  if (!(await tourPending(teamId, userId))) return null;
  const t = await getTranslations("learn.banner");
  return (
    <aside className="mb-4 flex flex-wrap items-center gap-3 rounded-lg border border-indigo-200 bg-indigo-50 px-4 py-3" data-testid="tour-banner" aria-labelledby="tour-banner-title">
      <div className="min-w-60 flex-1">
        <p id="tour-banner-title" className="font-medium text-indigo-900">{t("title")}</p>
        <p className="text-sm text-indigo-800">{t("body")}</p>
      </div>
      <Link href={`/t/${teamSlug}/learn/tour`} className="rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-700" data-testid="start-tour">
        {t("start")}
      </Link>
      <form action={completeTour}>
        <input type="hidden" name="team" value={teamSlug} />
        <input type="hidden" name="outcome" value="skipped" />
        <input type="hidden" name="next" value="today" />
        <button type="submit" className="rounded-md px-3 py-2 text-sm text-indigo-700 hover:bg-indigo-100" data-testid="skip-tour">
          {t("skip")}
        </button>
      </form>
    </aside>
  );
}
