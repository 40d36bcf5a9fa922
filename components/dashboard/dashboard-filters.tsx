// The dashboard's filters as a plain GET form: every view is a shareable URL and works without JavaScript.
import { MemberSelect } from "@/components/ui/member-select";
import { RANGE_PRESETS, CUSTOM } from "@/lib/reports/range";
import type { DashboardQuery } from "@/lib/reports/filters";
import type { Translate } from "./format";

export function DashboardFilters({ t, action, query, members }: { t: Translate; action: string; query: DashboardQuery; members: { id: string; name: string }[] }) {
  const input = "block rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";
  const custom = query.range.preset === null;
  return (
    <form method="get" action={action} className="flex flex-wrap items-end gap-x-3 gap-y-2 rounded-lg border border-slate-200 bg-white p-3" aria-label={t("dashboard.filters.label")} data-testid="dashboard-filters">
      <label className="text-xs text-slate-600">
        {t("dashboard.filters.range")}
        <select name="range" defaultValue={query.range.preset ?? CUSTOM} className={input}>
          {RANGE_PRESETS.map((preset) => (
            <option key={preset} value={preset}>
              {t(`dashboard.filters.presets.${preset}`)}
            </option>
          ))}
          <option value={CUSTOM}>{t("dashboard.filters.custom")}</option>
        </select>
      </label>
      <label className="text-xs text-slate-600">
        {t("dashboard.filters.from")}
        <input type="date" name="from" defaultValue={custom ? query.range.from : undefined} placeholder={query.range.from} className={`${input} w-36`} />
      </label>
      <label className="text-xs text-slate-600">
        {t("dashboard.filters.to")}
        <input type="date" name="to" defaultValue={custom ? query.range.to : undefined} placeholder={query.range.to} className={`${input} w-36`} />
      </label>
      {members.length > 0 ? (
        <MemberSelect label={t("dashboard.filters.member")} allLabel={t("dashboard.filters.allMembers")} members={members} value={query.member} className={input} />
      ) : null}
      <fieldset className="text-xs text-slate-600">
        <legend>{t("dashboard.filters.measure")}</legend>
        <div className="mt-1 flex gap-3 py-1">
          {(["count", "minutes"] as const).map((measure) => (
            <label key={measure} className="flex items-center gap-1 text-sm text-slate-800">
              <input type="radio" name="measure" value={measure} defaultChecked={query.measure === measure} />
              {t(`dashboard.filters.measures.${measure}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="text-xs text-slate-600">
        <legend>{t("dashboard.filters.view")}</legend>
        <div className="mt-1 flex gap-3 py-1">
          {(["chart", "table"] as const).map((view) => (
            <label key={view} className="flex items-center gap-1 text-sm text-slate-800">
              <input type="radio" name="view" value={view} defaultChecked={query.view === view} />
              {t(`dashboard.filters.views.${view}`)}
            </label>
          ))}
        </div>
      </fieldset>
      {query.trendBy !== "role" ? <input type="hidden" name="trend" value={query.trendBy} /> : null}
      <div className="flex items-center gap-1">
        <button type="submit" className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700">
          {t("dashboard.filters.apply")}
        </button>
        <a href={action} className="px-2 py-1.5 text-sm text-slate-700 hover:underline">
          {t("dashboard.filters.reset")}
        </a>
      </div>
    </form>
  );
}
