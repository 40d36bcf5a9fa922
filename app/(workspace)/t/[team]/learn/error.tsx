"use client";

import { useTranslations } from "next-intl";

export default function LearnError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("learn.states");
  return (
    <div className="rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-800">
      <p className="font-medium">{t("error")}</p>
      <button type="button" onClick={reset} className="mt-2 rounded-md border border-red-300 bg-white px-3 py-1.5 text-red-700 hover:bg-red-100">
        {t("retry")}
      </button>
    </div>
  );
}
