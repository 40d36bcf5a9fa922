import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { SuggestionsList } from "@/components/activities/suggestions-list";
import { listSuggestions, trustsMemberCorrections } from "@/lib/activities/learning";
import { canReviewCorrections } from "@/lib/activities/permissions";
import { teamPage } from "@/lib/teams/context";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("learning.suggestions"))("title") };
}

export default async function SuggestionsPage({ params }: { params: Promise<{ team: string }> }) {
  const { team } = await params;
  const { access } = await teamPage(team, canReviewCorrections);
  const t = await getTranslations("learning.suggestions");
  const [{ suggestions, total }, trust] = await Promise.all([listSuggestions(access), trustsMemberCorrections(access)]);
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">{t("title")}</h1>
      <p className="text-sm text-slate-600">{t("intro")}</p>
      <SuggestionsList teamSlug={access.slug} suggestions={suggestions} total={total} trust={trust} />
    </div>
  );
}
