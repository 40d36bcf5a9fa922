import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { CsvImport } from "@/components/activities/csv-import";
import { teamPage } from "@/lib/teams/context";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("import"))("title") };
}

export default async function ImportPage({ params }: { params: Promise<{ team: string }> }) {
  const { team } = await params;
  const { access } = await teamPage(team);
  const t = await getTranslations("import");
  return (
    <div className="max-w-4xl space-y-4">
      <h1 className="text-xl font-semibold">{t("title")}</h1>
      <p className="text-sm text-slate-600">{t("intro")}</p>
      <CsvImport teamSlug={access.slug} />
    </div>
  );
}
