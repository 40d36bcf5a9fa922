// The members × working days grid: a filled cell per day with entries, each row's streak and last day logged.
import { getTranslations } from "next-intl/server";
import type { Coverage } from "@/lib/rhythm/coverage";
import { isoWeekday } from "@/lib/rhythm/calendar";

export async function CoverageGrid({ coverage }: { coverage: Coverage }) {
  const t = await getTranslations("rhythm.coverage");
  if (coverage.days.length === 0) return <p className="text-sm text-slate-500">{t("noWorkingDays")}</p>;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full border-collapse text-xs" data-testid="coverage-grid">
        <thead>
          <tr>
            <th scope="col" className="sticky left-0 bg-white p-2 text-left font-medium">
              {t("member")}
            </th>
            {coverage.days.map((day) => (
              <th key={day} scope="col" className={`p-1 text-center font-normal text-slate-500 ${day === coverage.today ? "text-indigo-700" : ""}`}>
                <div>{day.slice(5)}</div>
                <div>{t(`weekdays.${isoWeekday(day)}`)}</div>
              </th>
            ))}
            <th scope="col" className="p-2 text-right font-medium">{t("logged")}</th>
            <th scope="col" className="p-2 text-right font-medium">{t("streak")}</th>
            <th scope="col" className="p-2 text-left font-medium">{t("last")}</th>
          </tr>
        </thead>
        <tbody>
          {coverage.rows.map((row) => (
            <tr key={row.member.id} className="border-t border-slate-100" data-testid="coverage-row" data-member={row.member.name}>
              <th scope="row" className="sticky left-0 bg-white p-2 text-left font-normal">
                {row.member.name}
              </th>
              {row.counts.map((count, i) => {
                const day = coverage.days[i]!;
                const label = count > 0 ? t("cellLogged", { day, count }) : day === coverage.today ? t("cellToday", { day }) : t("cellMissed", { day });
                return (
                  <td key={day} className="p-1 text-center" data-testid="coverage-cell" data-day={day} data-count={count}>
                    <span
                      role="img"
                      title={label}
                      aria-label={label}
                      className={`inline-block h-5 w-5 rounded ${count > 0 ? "bg-emerald-500" : day === coverage.today ? "border border-dashed border-slate-300" : "bg-slate-100"}`}
                    />
                  </td>
                );
              })}
              <td className="p-2 text-right" data-testid="coverage-logged">
                {row.loggedDays} / {coverage.days.length}
              </td>
              <td className="p-2 text-right" data-testid="coverage-streak">
                {row.streakCapped ? t("streakAtLeast", { days: row.streak }) : t("streakDays", { days: row.streak })}
              </td>
              <td className={`p-2 ${row.behind ? "text-amber-700" : "text-slate-600"}`} data-testid="coverage-last">
                {row.lastLogged === null ? t("never") : row.behind ? t("notSince", { date: row.lastLogged }) : row.lastLogged}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
