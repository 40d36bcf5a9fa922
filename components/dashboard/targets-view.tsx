// The target-mix page: managers edit the shares per role and per stage; members see them read-only.
import type { DashboardContext } from "@/lib/reports/context";
import type { Dimension } from "@/lib/reports/filters";
import type { Overview } from "@/lib/reports/overview";
import { canSetTargets } from "@/lib/reports/permissions";
import { percent, type Translate } from "./format";
import { keyColor, keyLabel } from "./mix-panel";
import { DataTable } from "./panel";
import { TargetForm } from "./target-form";

export function TargetsView({ t, ctx, overview }: { t: Translate; ctx: DashboardContext; overview: Overview }) {
  const editable = canSetTargets(ctx.access);
  const section = (dimension: Dimension) => {
    const target = overview.targets[dimension];
    const title = t(dimension === "role" ? "dashboard.targets.roles" : "dashboard.targets.stages");
    if (!editable) {
      return (
        <DataTable
          key={dimension}
          caption={title}
          head={[t(`dashboard.table.${dimension}`), t("dashboard.table.target"), t("dashboard.table.actual")]}
          rows={overview.mixes[dimension].map((e) => [keyLabel(t, dimension, e.key), target ? percent(target[e.key] ?? 0) : "—", percent(e.share)])}
        />
      );
    }
    return (
      <TargetForm
        key={dimension}
        teamSlug={ctx.access.slug}
        dimension={dimension}
        title={title}
        fields={overview.mixes[dimension].map((e) => ({
          key: e.key,
          label: keyLabel(t, dimension, e.key),
          color: keyColor(dimension, e.key),
          value: target ? String(Math.round((target[e.key] ?? 0) * 1000) / 10) : "",
          actual: percent(e.share),
        }))}
      />
    );
  };
  return (
    <div className="space-y-4" data-testid="targets">
      <p className="max-w-3xl text-sm text-slate-600">{t("dashboard.targets.intro")}</p>
      {!editable ? <p className="text-sm text-slate-500">{t("dashboard.targets.managersOnly")}</p> : null}
      <div className="grid gap-4 lg:grid-cols-2">
        {section("role")}
        {section("stage")}
      </div>
    </div>
  );
}

export async function TargetsSection({ t, ctx, overview }: { t: Translate; ctx: DashboardContext; overview: Promise<Overview> }) {
  return <TargetsView t={t} ctx={ctx} overview={await overview} />;
}
