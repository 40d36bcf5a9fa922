// Per-member small multiples: each member's role mix, entries per day (or week) and top roles, on shared scales.
// Managers see everyone; a member sees only their own card.
import Link from "next/link";
import { ROLE_ORDER } from "@/components/activities/colors";
import type { DashboardContext } from "@/lib/reports/context";
import { drillHref } from "@/lib/reports/drill";
import { dashboardSearch } from "@/lib/reports/filters";
import type { MemberBoard } from "@/lib/reports/members";
import { measureOf } from "@/lib/reports/mix";
import { LazySmallBarChart as SmallBarChart } from "./charts/lazy";
import { measureText, minutesText, percent, type Translate } from "./format";
import { keyColor, keyLabel } from "./mix-panel";
import { DataTable, Panel } from "./panel";

export function MembersView({ t, ctx, board }: { t: Translate; ctx: DashboardContext; board: MemberBoard }) {
  const { query, access, canViewTeam } = ctx;
  const { range, measure } = query;
  const roleMax = Math.max(0, ...board.members.flatMap((m) => m.roles.map((r) => measureOf(r, measure))));
  const bucketMax = Math.max(0, ...board.members.flatMap((m) => m.perBucket.map((b) => b.count)));
  const bucketEnd = (bucket: string) => (board.granularity === "day" ? bucket : new Date(Date.parse(`${bucket}T00:00:00Z`) + 6 * 86_400_000).toISOString().slice(0, 10));
  const drill = (member: string, filter: { role?: string; from?: string; to?: string }) =>
    drillHref(access.slug, canViewTeam, { from: range.from, to: range.to, member, preset: filter.from ? null : range.preset, ...filter });
  return (
    <div id="dashboard-view" className="space-y-4" data-testid="members">
      <p className="text-xs text-slate-500" data-png-text>
        {t("dashboard.members.caption", { granularity: board.granularity })}
      </p>
      {query.view === "chart" ? (
        <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700" aria-label={t("dashboard.members.legend")} data-testid="member-legend">
          {ROLE_ORDER.map((role) => (
            <li key={role} className="inline-flex items-center gap-1.5">
              <span aria-hidden className="inline-block h-2.5 w-2.5 rounded-sm" style={{ background: keyColor("role", role) }} />
              {keyLabel(t, "role", role)}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {board.members.map((member) => (
          <Panel key={member.id} title={member.name} testId="member-card">
            <p className="-mt-1 mb-2 text-xs text-slate-500" data-png-text>
              {t("dashboard.members.total", { entries: t("dashboard.units.entries", { count: member.total.count }), minutes: minutesText(t, member.total.minutes) })}
            </p>
            {member.total.count === 0 ? (
              <p className="text-sm text-slate-500" data-png-text>{t("dashboard.members.noWork")}</p>
            ) : (
              <>
                <p className="mb-1 text-xs text-slate-600" data-png-text>
                  {t("dashboard.members.topRoles")}: {member.topRoles.map((r) => `${keyLabel(t, "role", r.key)} ${percent(r.share)}`).join(", ")}
                </p>
                {query.view === "chart" ? (
                  <>
                    <p className="text-[11px] text-slate-600" data-png-text>
                      {t("dashboard.members.mixAxis", { measure, max: measure === "minutes" ? minutesText(t, roleMax) : roleMax })}
                    </p>
                    <figure aria-label={t("dashboard.members.mixTitle", { name: member.name })} style={{ height: 90 }}>
                      <SmallBarChart
                        title={t("dashboard.members.mixTitle", { name: member.name })}
                        max={roleMax}
                        testId="member-mix-chart"
                        data={member.roles.map((r) => ({
                          label: keyLabel(t, "role", r.key),
                          value: measureOf(r, measure),
                          display: `${keyLabel(t, "role", r.key)}: ${measureText(t, measure, measureOf(r, measure))} · ${percent(r.share)}`,
                          color: keyColor("role", r.key),
                          href: r.count > 0 ? drill(member.id, { role: r.key }) : null,
                        }))}
                      />
                    </figure>
                    <p className="mt-2 text-[11px] text-slate-600" data-png-text>
                      {t("dashboard.members.perAxis", { granularity: board.granularity, max: bucketMax })}
                    </p>
                    <figure aria-label={t("dashboard.members.perTitle", { name: member.name, granularity: board.granularity })} style={{ height: 48 }}>
                      <SmallBarChart
                        title={t("dashboard.members.perTitle", { name: member.name, granularity: board.granularity })}
                        max={bucketMax}
                        height={48}
                        data={board.buckets.map((bucket, i) => ({
                          label: bucket,
                          value: member.perBucket[i]!.count,
                          display: `${bucket}: ${t("dashboard.units.entries", { count: member.perBucket[i]!.count })}`,
                          color: "#6366f1",
                          href: member.perBucket[i]!.count > 0 ? drill(member.id, { from: bucket, to: bucketEnd(bucket) < range.to ? bucketEnd(bucket) : range.to }) : null,
                        }))}
                      />
                    </figure>
                    <div className="flex justify-between text-[10px] tabular-nums text-slate-600" aria-hidden data-png-text>
                      <span>{board.buckets[0]?.slice(5)}</span>
                      <span>{board.buckets[board.buckets.length - 1]?.slice(5)}</span>
                    </div>
                  </>
                ) : (
                  <DataTable
                    caption={t("dashboard.members.mixTitle", { name: member.name })}
                    head={[t("dashboard.table.role"), t("dashboard.table.entries"), t("dashboard.table.share")]}
                    rows={ROLE_ORDER.map((role) => {
                      const entry = member.roles.find((r) => r.key === role)!;
                      return [
                        keyLabel(t, "role", role),
                        entry.count > 0 ? (
                          <Link key="c" href={drill(member.id, { role })} className="text-indigo-700 hover:underline">
                            {entry.count}
                          </Link>
                        ) : (
                          0
                        ),
                        percent(entry.share),
                      ];
                    })}
                  />
                )}
              </>
            )}
            <Link href={`/t/${access.slug}/dashboard${dashboardSearch(query, { member: member.id })}`} className="mt-2 inline-block text-xs text-indigo-700 hover:underline">
              {t("dashboard.members.overview", { name: member.name })}
            </Link>
          </Panel>
        ))}
      </div>
    </div>
  );
}

export async function MembersSection({ t, ctx, board }: { t: Translate; ctx: DashboardContext; board: Promise<MemberBoard> }) {
  return <MembersView t={t} ctx={ctx} board={await board} />;
}
