// Headline numbers of the period: entries, time logged (and how many entries carry minutes), share needing review.
import Link from "next/link";
import type { EffortTotal } from "@/lib/reports/effort";
import type { Measure } from "@/lib/reports/filters";
import { minutesText, percent, type Translate } from "./format";

export function Summary({ t, total, untagged, measure, reviewHref }: { t: Translate; total: EffortTotal; untagged: number; measure: Measure; reviewHref: string | null }) {
  const stat = "rounded-lg border border-slate-200 bg-white p-3";
  const review = total.count ? total.reviewCount / total.count : 0;
  return (
    <div data-png className="grid gap-3 sm:grid-cols-3" data-testid="summary">
      <div className={stat}>
        <p className="text-xs text-slate-500" data-png-text>{t("dashboard.summary.entries")}</p>
        <p className="text-2xl font-semibold tabular-nums" data-testid="total-entries" data-png-text>{total.count}</p>
        {untagged > 0 ? <p className="text-xs text-slate-500" data-png-text>{t("dashboard.summary.untagged", { count: untagged })}</p> : null}
      </div>
      <div className={stat}>
        <p className="text-xs text-slate-500" data-png-text>{t("dashboard.summary.minutes")}</p>
        <p className="text-2xl font-semibold tabular-nums" data-png-text>{minutesText(t, total.minutes)}</p>
        <p className="text-xs text-slate-500" data-png-text>
          {t("dashboard.summary.minutesCoverage", { pct: percent(total.count ? total.timedCount / total.count : 0) })} {t(`dashboard.measureNote.${measure}`)}
        </p>
      </div>
      <div className={stat}>
        <p className="text-xs text-slate-500" data-png-text>{t("dashboard.summary.review")}</p>
        <p className="text-2xl font-semibold tabular-nums" data-testid="review-share" data-png-text>
          {reviewHref && total.reviewCount > 0 ? (
            <Link href={reviewHref} className="hover:underline">
              {percent(review)}
            </Link>
          ) : (
            percent(review)
          )}
        </p>
        <p className="text-xs text-slate-500" data-png-text>{t("dashboard.summary.reviewHint", { count: total.reviewCount, total: total.count })}</p>
      </div>
    </div>
  );
}
