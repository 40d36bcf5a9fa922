// Library filters as a plain GET form: role, stage and a text search; works without client JS.
import { useTranslations } from "next-intl";
import Link from "next/link";
import { ROLE_ORDER, STAGE_ORDER } from "@/components/activities/colors";

export function LibraryFilters({ action, values }: { action: string; values: { role?: string; stage?: string; q?: string } }) {
  const t = useTranslations("learn.library");
  const tx = useTranslations("taxonomy");
  const select = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";
  return (
    <form action={action} method="get" role="search" className="flex flex-wrap items-end gap-2">
      <label className="space-y-1 text-xs text-slate-600">
        <span className="block">{tx("role")}</span>
        <select name="role" defaultValue={values.role ?? ""} className={select}>
          <option value="">{t("allRoles")}</option>
          {ROLE_ORDER.map((key) => (
            <option key={key} value={key}>
              {tx(`roles.${key}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="space-y-1 text-xs text-slate-600">
        <span className="block">{tx("stage")}</span>
        <select name="stage" defaultValue={values.stage ?? ""} className={select}>
          <option value="">{t("allStages")}</option>
          {STAGE_ORDER.map((key) => (
            <option key={key} value={key}>
              {tx(`stages.${key}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="min-w-48 flex-1 space-y-1 text-xs text-slate-600">
        <span className="block">{t("search")}</span>
        <input type="search" name="q" defaultValue={values.q ?? ""} maxLength={100} placeholder={t("searchHint")} className={`${select} w-full`} />
      </label>
      <button type="submit" className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700">
        {t("apply")}
      </button>
      {values.role || values.stage || values.q ? (
        <Link href={action} className="px-2 py-1.5 text-sm text-slate-600 hover:underline">
          {t("clear")}
        </Link>
      ) : null}
    </form>
  );
}
