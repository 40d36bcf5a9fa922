import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { AccuracyBars, WeeklyTrend } from "@/components/learn/accuracy-bars";
import { LearnNav } from "@/components/learn/learn-nav";
import { Quiz } from "@/components/learn/quiz";
import { learnContext } from "@/lib/onboarding/context";
import { canViewTeamProgress } from "@/lib/onboarding/permissions";
import { buildQuizRound } from "@/lib/onboarding/quiz-items";
import { practiceScores } from "@/lib/onboarding/scores";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("learn.practice"))("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function PracticePage({ params, searchParams }: { params: Promise<{ team: string }>; searchParams: SearchParams }) {
  const { team } = await params;
  const context = await learnContext(team);
  if (!context) notFound();
  const { access, viewer, locale } = context;
  const query = await searchParams;
  const round = typeof query.round === "string" && /^\d{1,6}$/.test(query.round) ? Number(query.round) : 1;
  const tourDone = query.tour === "done";
  const [items, scores, t] = await Promise.all([buildQuizRound(access, locale), practiceScores(access.teamId, viewer.id), getTranslations("learn")]);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-xl font-semibold">{t("practice.title")}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("practice.intro")}</p>
      </div>
      <LearnNav teamSlug={access.slug} current="practice" showProgress={canViewTeamProgress(access)} />
      {tourDone ? (
        <p className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800" role="status" data-testid="tour-done">
          {t("tour.done")}
        </p>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <Quiz key={round} teamSlug={access.slug} items={items} mode="practice" nextRoundHref={`/t/${access.slug}/learn/practice?round=${round + 1}`} />
        <section id="my-scores" aria-labelledby="scores-heading" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4" data-testid="my-scores">
          <div>
            <h2 id="scores-heading" className="text-base font-semibold">{t("scores.mine")}</h2>
            <p className="text-sm text-slate-600" data-testid="overall-score">
              {scores.total > 0 ? t("scores.overall", { percent: Math.round((scores.right / scores.total) * 100), right: scores.right, total: scores.total }) : t("scores.none")}
            </p>
          </div>
          <div>
            <h3 className="mb-2 text-sm font-medium text-slate-700">{t("scores.byRole")}</h3>
            <AccuracyBars dimension="role" rows={scores.byRole} testId="role-accuracy" />
          </div>
          <div>
            <h3 className="mb-2 text-sm font-medium text-slate-700">{t("scores.byStage")}</h3>
            <AccuracyBars dimension="stage" rows={scores.byStage} testId="stage-accuracy" />
          </div>
          <WeeklyTrend weeks={scores.weekly} />
        </section>
      </div>
    </div>
  );
}
