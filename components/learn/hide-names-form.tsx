// A manager's switch for showing members' names in the library: a server-action form, no client JS.
import { useTranslations } from "next-intl";
import { setHideLibraryNames } from "@/lib/onboarding/actions";

export function HideNamesForm({ teamSlug, hidden }: { teamSlug: string; hidden: boolean }) {
  const t = useTranslations("learn.library");
  return (
    <form action={setHideLibraryNames} className="flex flex-wrap items-center gap-2 rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm">
      <input type="hidden" name="team" value={teamSlug} />
      <input type="hidden" name="hide" value={hidden ? "0" : "1"} />
      <span className="text-slate-600" data-testid="names-setting">{hidden ? t("namesHidden") : t("namesShown")}</span>
      <button type="submit" className="rounded-md border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-100">
        {hidden ? t("showNames") : t("hideNames")}
      </button>
    </form>
  );
}
