import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TodayLogger } from "@/components/activities/today-logger";
import { LearnNav } from "@/components/learn/learn-nav";
import { Quiz } from "@/components/learn/quiz";
import { TaxonomyOverview } from "@/components/learn/taxonomy-overview";
import { TourSteps } from "@/components/learn/tour-steps";
import { listActivities } from "@/lib/activities/queries";
import { todayIn } from "@/lib/activities/rules";
import { completeTour } from "@/lib/onboarding/actions";
import { learnContext } from "@/lib/onboarding/context";
import { taxonomySummary } from "@/lib/onboarding/guides";
import { canViewTeamProgress } from "@/lib/onboarding/permissions";
import { buildQuizRound } from "@/lib/onboarding/quiz-items";
import { tourPending } from "@/lib/onboarding/tour";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("learn.tour"))("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function TourPage({ params, searchParams }: { params: Promise<{ team: string }>; searchParams: SearchParams }) {
  const { team } = await params;
  const context = await learnContext(team);
  if (!context) notFound();
  const { access, viewer, locale } = context;
  const raw = (await searchParams).step;
  const step = raw === "2" ? 2 : raw === "3" ? 3 : 1;
  const t = await getTranslations("learn.tour");
  const pending = await tourPending(access.teamId, viewer.id);
  const base = `/t/${access.slug}/learn/tour`;
  const nextLink = (href: string, label: string) => (
    <Link href={href} className="rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-700" data-testid="tour-next">
      {label}
    </Link>
  );

  let body: React.ReactNode;
  if (step === 1) {
    const { roles, stages } = taxonomySummary(locale);
    body = (
      <>
        <p className="max-w-3xl text-sm text-slate-700">{t("step1Body")}</p>
        <TaxonomyOverview teamSlug={access.slug} roles={roles} stages={stages} compact />
        <div>{nextLink(`${base}?step=2`, t("toStep2"))}</div>
      </>
    );
  } else if (step === 2) {
    const today = todayIn(access.timeZone);
    const { activities } = await listActivities(access, { member: viewer.id, from: today, to: today, limit: 200 });
    body = (
      <>
        <ul className="max-w-3xl list-disc space-y-1 pl-5 text-sm text-slate-700">
          <li>{t("step2Point1")}</li>
          <li>{t("step2Point2")}</li>
          <li>{t("step2Point3")}</li>
        </ul>
        <div className="max-w-3xl">
          <TodayLogger teamSlug={access.slug} viewerId={access.userId} today={today} initial={activities} />
        </div>
        <div className="flex gap-3">
          <Link href={`${base}?step=1`} className="px-2 py-2 text-sm text-slate-600 hover:underline">
            {t("back")}
          </Link>
          {nextLink(`${base}?step=3`, t("toStep3"))}
        </div>
      </>
    );
  } else {
    const items = await buildQuizRound(access, locale);
    body = (
      <>
        <p className="max-w-3xl text-sm text-slate-700">{t("step3Body")}</p>
        <div className="max-w-3xl">
          <Quiz teamSlug={access.slug} items={items} mode="tour" nextRoundHref={`/t/${access.slug}/learn/practice`} />
        </div>
        <Link href={`${base}?step=2`} className="px-2 py-2 text-sm text-slate-600 hover:underline">
          {t("back")}
        </Link>
      </>
    );
  }

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold">{t("title")}</h1>
          <p className="mt-1 text-sm text-slate-600">{pending ? t("intro") : t("introAgain")}</p>
        </div>
        {pending ? (
          <form action={completeTour}>
            <input type="hidden" name="team" value={access.slug} />
            <input type="hidden" name="outcome" value="skipped" />
            <input type="hidden" name="next" value="today" />
            <button type="submit" className="rounded-md px-3 py-2 text-sm text-slate-600 hover:bg-slate-100">
              {t("skip")}
            </button>
          </form>
        ) : null}
      </div>
      <LearnNav teamSlug={access.slug} current="tour" showProgress={canViewTeamProgress(access)} />
      <TourSteps current={step} base={base} />
      <section className="space-y-5" data-testid={`tour-step-${step}`}>
        <h2 className="text-lg font-semibold">{t(`step${step}Title`)}</h2>
        {body}
      </section>
    </div>
  );
}
