// The tour's three steps as a linked progress list.
import { useTranslations } from "next-intl";
import Link from "next/link";

export function TourSteps({ current, base }: { current: 1 | 2 | 3; base: string }) {
  const t = useTranslations("learn.tour");
  return (
    <ol className="flex flex-wrap gap-2 text-sm" aria-label={t("stepsLabel")}>
      {([1, 2, 3] as const).map((step) => (
        <li key={step}>
          <Link
            href={`${base}?step=${step}`}
            aria-current={step === current ? "step" : undefined}
            className={`flex items-center gap-2 rounded-full px-3 py-1 ${step === current ? "bg-indigo-600 text-white" : step < current ? "bg-indigo-50 text-indigo-800" : "bg-slate-100 text-slate-600"}`}
          >
            <span className="tabular-nums">{step < current ? "✓" : step}</span>
            {t(`step${step}Short`)}
          </Link>
        </li>
      ))}
    </ol>
  );
}
