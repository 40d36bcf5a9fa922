import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { DashboardFrame } from "@/components/dashboard/dashboard-frame";
import { MembersSection } from "@/components/dashboard/members-view";
import { DashboardSkeleton } from "@/components/dashboard/skeleton";
import { loadDashboardContext } from "@/lib/reports/context";
import { dashboardSearch } from "@/lib/reports/filters";
import { getMemberBoard } from "@/lib/reports/members";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("dashboard"))("members.title") };
}

type Props = { params: Promise<{ team: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function DashboardMembersPage({ params, searchParams }: Props) {
  const { team } = await params;
  const ctx = await loadDashboardContext(team, await searchParams);
  if (!ctx) notFound();
  const t = await getTranslations();
  const board = getMemberBoard(ctx.scope, ctx.query.range, ctx.query.measure);
  return (
    <DashboardFrame t={t} ctx={ctx} tab="members" title={t("dashboard.members.title")}>
      <Suspense key={dashboardSearch(ctx.query)} fallback={<DashboardSkeleton />}>
        <MembersSection t={t} ctx={ctx} board={board} />
      </Suspense>
    </DashboardFrame>
  );
}
