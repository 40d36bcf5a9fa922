"use client";
// A failed dashboard query: say so in the viewer's language and offer a retry; the error itself stays in the logs.
import { useTranslations } from "next-intl";

export default function DashboardError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("dashboard.errors");
  return (
    <div className="rounded-lg border border-red-200 bg-red-50 p-6 text-sm text-red-800" data-testid="dashboard-error">
      <p>{t("loadFailed")}</p>
      <button type="button" onClick={reset} className="mt-3 rounded-md border border-red-300 bg-white px-3 py-1.5 text-red-800 hover:bg-red-100">
        {t("retry")}
      </button>
    </div>
  );
}
