import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { GuideView } from "@/components/learn/guide-view";
import { LearnNav } from "@/components/learn/learn-nav";
import { learnContext } from "@/lib/onboarding/context";
import { buildGuide } from "@/lib/onboarding/guides";
import { canPinGolden, canViewTeamProgress } from "@/lib/onboarding/permissions";
import { isStageKey } from "@/lib/tagging/types";

type Params = Promise<{ team: string; stage: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { stage } = await params;
  const t = await getTranslations();
  return { title: isStageKey(stage) ? t("learn.guide.titleStage", { name: t(`taxonomy.stages.${stage}`) }) : t("learn.title") };
}

export default async function StageGuidePage({ params }: { params: Params }) {
  const { team, stage } = await params;
  if (!isStageKey(stage)) notFound();
  const context = await learnContext(team);
  if (!context) notFound();
  const guide = await buildGuide(context.access, "stage", stage, context.locale);
  if (!guide) notFound();
  return (
    <div>
      <LearnNav teamSlug={context.access.slug} current="guides" showProgress={canViewTeamProgress(context.access)} />
      <GuideView guide={guide} teamSlug={context.access.slug} canPin={canPinGolden(context.access)} />
    </div>
  );
}
