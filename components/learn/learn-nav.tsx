// Tabs of the Learn area. Server-rendered links: no client JS.
import { useTranslations } from "next-intl";
import Link from "next/link";

export type LearnSection = "overview" | "guides" | "library" | "practice" | "progress" | "tour";

export function LearnNav({ teamSlug, current, showProgress }: { teamSlug: string; current: LearnSection; showProgress: boolean }) {
  const t = useTranslations("learn.nav");
  const base = `/t/${teamSlug}/learn`;
  const tabs: { key: LearnSection; href: string }[] = [
    { key: "overview", href: base },
    { key: "library", href: `${base}/library` },
    { key: "practice", href: `${base}/practice` },
    ...(showProgress ? [{ key: "progress" as const, href: `${base}/progress` }] : []),
    { key: "tour", href: `${base}/tour` },
  ];
  return (
    <nav aria-label={t("label")} className="mb-5 flex flex-wrap gap-1 border-b border-slate-200">
      {tabs.map((tab) => {
        const active = tab.key === current || (current === "guides" && tab.key === "overview");
        return (
          <Link
            key={tab.key}
            href={tab.href}
            aria-current={active ? "page" : undefined}
            className={`-mb-px border-b-2 px-3 py-2 text-sm ${active ? "border-indigo-600 font-medium text-indigo-700" : "border-transparent text-slate-600 hover:text-slate-900"}`}
          >
            {t(tab.key)}
          </Link>
        );
      })}
    </nav>
  );
}
