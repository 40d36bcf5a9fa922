import { useTranslations } from "next-intl";

export default function LearnLoading() {
  const t = useTranslations("learn.states");
  return (
    <div className="space-y-3" aria-busy="true">
      <p className="sr-only">{t("loading")}</p>
      <div className="h-6 w-40 animate-pulse rounded bg-slate-200" />
      <div className="h-4 w-2/3 animate-pulse rounded bg-slate-100" />
      <div className="h-48 animate-pulse rounded-lg bg-slate-100" />
    </div>
  );
}
