import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { CsvImport } from "@/components/activities/csv-import";
import { getViewer } from "@/lib/auth/session";
import { findTeamAccess } from "@/lib/teams/access";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("import"))("title") };
}

export default async function ImportPage({ params }: { params: Promise<{ team: string }> }) {
  const { team } = await params;
  const viewer = await getViewer();
  const access = viewer ? await findTeamAccess(viewer.id, team) : null;
  if (!viewer || !access) notFound();
  const t = await getTranslations("import");
  return (
    <div className="max-w-4xl space-y-4">
      <h1 className="text-xl font-semibold">{t("title")}</h1>
      <p className="text-sm text-slate-600">{t("intro")}</p>
      <CsvImport teamSlug={access.slug} />
    </div>
  );
}
