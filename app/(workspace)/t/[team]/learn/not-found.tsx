import { useTranslations } from "next-intl";

export default function LearnNotFound() {
  const t = useTranslations("learn.states");
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-6 text-sm text-slate-700">
      <p className="font-medium">{t("notFound")}</p>
      <p className="mt-1 text-slate-500">{t("notFoundHint")}</p>
    </div>
  );
}
