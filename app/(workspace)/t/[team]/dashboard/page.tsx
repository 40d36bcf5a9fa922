import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { DashboardFrame } from "@/components/dashboard/dashboard-frame";
import { EmptyDashboard } from "@/components/dashboard/empty-state";
import { dashboardTitle, OverviewView } from "@/components/dashboard/overview-view";
import { loadDashboardContext, teamHasEntries } from "@/lib/reports/context";
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
  const overview = await getOverview(ctx.scope, ctx.query.range, ctx.query.measure);
  const empty = overview.total.count === 0 && overview.weekly.length === 0 && !(await teamHasEntries(ctx.access.teamId));
  return (
    <DashboardFrame t={t} ctx={ctx} tab="overview" title={dashboardTitle(t, ctx)} exports={!empty} filters={!empty}>
      {empty ? <EmptyDashboard t={t} todayHref={`/t/${ctx.access.slug}/today`} /> : <OverviewView t={t} ctx={ctx} overview={overview} />}
    </DashboardFrame>
  );
}
