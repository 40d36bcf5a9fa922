import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { DashboardFrame } from "@/components/dashboard/dashboard-frame";
import { dashboardTitle, OverviewSection } from "@/components/dashboard/overview-view";
import { DashboardSkeleton } from "@/components/dashboard/skeleton";
import { loadDashboardContext, teamHasEntries } from "@/lib/reports/context";
import { dashboardSearch } from "@/lib/reports/filters";
import { getOverview } from "@/lib/reports/overview";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("dashboard"))("title") };
}

type Props = { params: Promise<{ team: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function DashboardPage({ params, searchParams }: Props) {
  const { team } = await params;
  const ctx = await loadDashboardContext(team, await searchParams);
  if (!ctx) notFound();
  const t = await getTranslations();
  // Started here, awaited inside the Suspense boundary: the frame and filters show while the queries run.
  const data = getOverview(ctx.scope, ctx.query.range, ctx.query.measure).then(async (overview) => ({
    overview,
    empty: overview.total.count === 0 && overview.weekly.length === 0 && !(await teamHasEntries(ctx.access.teamId)),
  }));
  return (
    <DashboardFrame t={t} ctx={ctx} tab="overview" title={dashboardTitle(t, ctx)}>
      <Suspense key={dashboardSearch(ctx.query)} fallback={<DashboardSkeleton />}>
        <OverviewSection t={t} ctx={ctx} data={data} />
      </Suspense>
    </DashboardFrame>
  );
}
