import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { GuideView } from "@/components/learn/guide-view";
import { LearnNav } from "@/components/learn/learn-nav";
import { learnContext } from "@/lib/onboarding/context";
import { buildGuide } from "@/lib/onboarding/guides";
import { canPinGolden, canViewTeamProgress } from "@/lib/onboarding/permissions";
import { isRoleKey } from "@/lib/tagging/types";

type Params = Promise<{ team: string; role: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { role } = await params;
  const t = await getTranslations();
  return { title: isRoleKey(role) ? t("learn.guide.titleRole", { name: t(`taxonomy.roles.${role}`) }) : t("learn.title") };
}

export default async function RoleGuidePage({ params }: { params: Params }) {
  const { team, role } = await params;
  if (!isRoleKey(role)) notFound();
  const context = await learnContext(team);
  if (!context) notFound();
  const guide = await buildGuide(context.access, "role", role, context.locale);
  if (!guide) notFound();
  return (
    <div>
      <LearnNav teamSlug={context.access.slug} current="guides" showProgress={canViewTeamProgress(context.access)} />
      <GuideView guide={guide} teamSlug={context.access.slug} canPin={canPinGolden(context.access)} />
    </div>
  );
}
