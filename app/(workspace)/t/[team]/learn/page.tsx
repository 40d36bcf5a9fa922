import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ExampleGrid } from "@/components/learn/example-grid";
import { LearnNav } from "@/components/learn/learn-nav";
import { TaxonomyOverview } from "@/components/learn/taxonomy-overview";
import { TourBanner } from "@/components/learn/tour-banner";
import { learnContext } from "@/lib/onboarding/context";
import { taxonomySummary } from "@/lib/onboarding/guides";
import { countGoldenExamples, exampleGrid } from "@/lib/onboarding/library";
import { canViewTeamProgress } from "@/lib/onboarding/permissions";
import { practiceScores } from "@/lib/onboarding/scores";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("learn"))("title") };
}

export default async function LearnPage({ params }: { params: Promise<{ team: string }> }) {
  const { team } = await params;
  const context = await learnContext(team);
  if (!context) notFound();
  const { access, viewer, locale } = context;
  const [cells, goldenCount, scores, t] = await Promise.all([
    exampleGrid(access),
    countGoldenExamples(access.teamId),
    practiceScores(access.teamId, viewer.id),
    getTranslations("learn"),
  ]);
  const { roles, stages } = taxonomySummary(locale);
  const confirmed = cells.reduce((sum, c) => sum + c.count, 0);
  const base = `/t/${access.slug}/learn`;
  const card = "block rounded-lg border border-slate-200 bg-white p-4 hover:border-indigo-300 hover:shadow-sm";
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-xl font-semibold">{t("title")}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("intro")}</p>
      </div>
      <LearnNav teamSlug={access.slug} current="overview" showProgress={canViewTeamProgress(access)} />
      <TourBanner teamSlug={access.slug} userId={viewer.id} teamId={access.teamId} />
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <Link href={`${base}/practice`} className={card}>
          <span className="block font-medium">{t("index.practiceTitle")}</span>
          <span className="mt-1 block text-sm text-slate-600">
            {scores.total > 0 ? t("index.practiceScore", { percent: Math.round((scores.right / scores.total) * 100), total: scores.total }) : t("index.practiceNone")}
          </span>
        </Link>
        <Link href={`${base}/library`} className={card}>
          <span className="block font-medium">{t("index.libraryTitle")}</span>
          <span className="mt-1 block text-sm text-slate-600">{t("index.libraryBody", { confirmed, golden: goldenCount })}</span>
        </Link>
        <Link href={`${base}/tour`} className={card}>
          <span className="block font-medium">{t("index.tourTitle")}</span>
          <span className="mt-1 block text-sm text-slate-600">{t("index.tourBody")}</span>
        </Link>
        {canViewTeamProgress(access) ? (
          <Link href={`${base}/progress`} className={card}>
            <span className="block font-medium">{t("index.progressTitle")}</span>
            <span className="mt-1 block text-sm text-slate-600">{t("index.progressBody")}</span>
          </Link>
        ) : null}
      </div>
      <section aria-labelledby="grid-heading">
        <h2 id="grid-heading" className="mb-1 text-base font-semibold">{t("index.gridTitle")}</h2>
        <p className="mb-3 text-sm text-slate-600">{t("index.gridIntro")}</p>
        <ExampleGrid teamSlug={access.slug} cells={cells} />
      </section>
      <TaxonomyOverview teamSlug={access.slug} roles={roles} stages={stages} />
    </div>
  );
}
