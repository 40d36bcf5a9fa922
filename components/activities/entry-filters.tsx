// Filter form for entry lists: a plain GET form, so every filtered view is a shareable URL.
import { getTranslations } from "next-intl/server";
import { MemberSelect } from "@/components/ui/member-select";
import { ROLE_ORDER, STAGE_ORDER } from "./colors";

export interface FilterValues {
  from?: string;
  to?: string;
  member?: string;
  role?: string;
  stage?: string;
  q?: string;
  needsReview?: boolean;
}

export async function EntryFilters({ action, values, members }: { action: string; values: FilterValues; members?: { id: string; name: string }[] }) {
  const t = await getTranslations();
  const input = "rounded-md border border-slate-300 px-2 py-1.5 text-sm";
  return (
    <form method="get" action={action} className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3" aria-label={t("entries.filters")}>
      <label className="text-xs text-slate-600">
        {t("entries.from")}
        <input type="date" name="from" defaultValue={values.from} className={`${input} block`} />
      </label>
      <label className="text-xs text-slate-600">
        {t("entries.to")}
        <input type="date" name="to" defaultValue={values.to} className={`${input} block`} />
      </label>
      {members ? (
        <MemberSelect label={t("entries.member")} allLabel={t("entries.allMembers")} members={members} value={values.member} className={`${input} block`} />
      ) : null}
      <label className="text-xs text-slate-600">
        {t("entries.role")}
        <select name="role" defaultValue={values.role ?? ""} className={`${input} block`}>
          <option value="">{t("entries.allRoles")}</option>
          {ROLE_ORDER.map((key) => (
            <option key={key} value={key}>
              {t(`taxonomy.roles.${key}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="text-xs text-slate-600">
        {t("entries.stage")}
        <select name="stage" defaultValue={values.stage ?? ""} className={`${input} block`}>
          <option value="">{t("entries.allStages")}</option>
          {STAGE_ORDER.map((key) => (
            <option key={key} value={key}>
              {t(`taxonomy.stages.${key}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="text-xs text-slate-600">
        {t("entries.search")}
        <input type="search" name="q" defaultValue={values.q} maxLength={100} className={`${input} block`} />
      </label>
      <label className="flex items-center gap-1 text-sm text-slate-700">
        <input type="checkbox" name="needsReview" value="1" defaultChecked={values.needsReview} />
        {t("entries.needsReviewOnly")}
      </label>
      <button type="submit" className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white">
        {t("entries.apply")}
      </button>
      <a href={action} className="px-2 py-1.5 text-sm text-slate-600 hover:underline">
        {t("entries.reset")}
      </a>
    </form>
  );
}
