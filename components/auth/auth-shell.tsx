import { getTranslations } from "next-intl/server";
import { LocaleSwitcher } from "@/components/layout/locale-switcher";

export async function AuthShell({ title, children }: { title: string; children: React.ReactNode }) {
  const t = await getTranslations("app");
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <div className="absolute right-4 top-4">
        <LocaleSwitcher />
      </div>
      <div className="w-full max-w-sm">
        <p className="mb-1 text-center text-sm font-semibold tracking-wide text-indigo-600">{t("name")}</p>
        <h1 className="mb-2 text-center text-2xl font-bold text-slate-900">{title}</h1>
        <p className="mb-6 text-center text-sm text-slate-500">{t("tagline")}</p>
        <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">{children}</div>
      </div>
    </main>
  );
}
