import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { DashboardFrame } from "@/components/dashboard/dashboard-frame";
import { DashboardSkeleton } from "@/components/dashboard/skeleton";
import { TargetsSection } from "@/components/dashboard/targets-view";
import { loadDashboardContext } from "@/lib/reports/context";
import { getOverview } from "@/lib/reports/overview";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("dashboard"))("targets.title") };
}

type Props = { params: Promise<{ team: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function DashboardTargetsPage({ params, searchParams }: Props) {
  const { team } = await params;
  const ctx = await loadDashboardContext(team, await searchParams);
  if (!ctx) notFound();
  const t = await getTranslations();
  // The current actual shares shown next to each target come from the overview of the same period.
  const overview = getOverview(ctx.scope, ctx.query.range, ctx.query.measure);
  return (
    <DashboardFrame t={t} ctx={ctx} tab="targets" title={t("dashboard.targets.title")} exports={false} filters={false}>
      <Suspense fallback={<DashboardSkeleton />}>
        <TargetsSection t={t} ctx={ctx} overview={overview} />
      </Suspense>
    </DashboardFrame>
  );
}
