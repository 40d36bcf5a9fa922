// Accuracy per role or per stage as labelled bars; keys without answers show "–", never 0%.
import { useTranslations } from "next-intl";
import { ROLE_COLORS, STAGE_COLORS } from "@/components/activities/colors";

export interface AccuracyBarRow {
  key: string;
  total: number;
  right: number;
}

export function AccuracyBars({ dimension, rows, testId }: { dimension: "role" | "stage"; rows: AccuracyBarRow[]; testId: string }) {
  const t = useTranslations("learn.scores");
  const tx = useTranslations("taxonomy");
  const colors = dimension === "role" ? ROLE_COLORS : STAGE_COLORS;
  return (
    <ul className="space-y-1.5" data-testid={testId}>
      {rows.map((row) => {
        const share = row.total > 0 ? row.right / row.total : null;
        const label = tx(`${dimension === "role" ? "roles" : "stages"}.${row.key}`);
        return (
          <li key={row.key} className="flex items-center gap-2 text-sm" data-key={row.key} data-total={row.total} data-right={row.right}>
            <span className="w-32 shrink-0 truncate text-slate-700">{label}</span>
            <span
              className="relative h-2.5 flex-1 overflow-hidden rounded-full bg-slate-100"
              role="img"
              aria-label={share === null ? t("noAnswersFor", { label }) : t("barLabel", { label, percent: Math.round(share * 100), right: row.right, total: row.total })}
            >
              {share !== null ? <span className="absolute inset-y-0 left-0 rounded-full" style={{ width: `${Math.max(2, share * 100)}%`, backgroundColor: colors[row.key]?.hex }} /> : null}
            </span>
            <span className="w-24 shrink-0 text-right text-xs tabular-nums text-slate-600">
              {share === null ? "–" : t("percentOf", { percent: Math.round(share * 100), right: row.right, total: row.total })}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

export function WeeklyTrend({ weeks }: { weeks: { week: string; total: number; right: number }[] }) {
  const t = useTranslations("learn.scores");
  if (weeks.length === 0) return null;
  return (
    <div>
      <h3 className="mb-2 text-sm font-medium text-slate-700">{t("trend")}</h3>
      <ol className="flex h-28 items-end gap-2" data-testid="weekly-trend">
        {weeks.map((w) => {
          const share = w.total > 0 ? w.right / w.total : 0;
          return (
            <li key={w.week} className="flex h-full flex-1 flex-col items-center justify-end gap-1" title={t("weekLabel", { week: w.week, percent: Math.round(share * 100), total: w.total })}>
              <span className="text-[10px] tabular-nums text-slate-600">{Math.round(share * 100)}%</span>
              <span className="w-full max-w-10 rounded-t bg-indigo-500" style={{ height: `${Math.max(4, share * 70)}%` }} />
              <span className="text-[10px] text-slate-500">{w.week.slice(5)}</span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
