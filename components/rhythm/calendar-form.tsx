"use client";
// Managers set the team's working weekdays and holidays; the coverage grid and reminders follow them.
import { useTranslations } from "next-intl";
import { useFormAction } from "@/components/ui/use-form-action";
import { saveTeamCalendarAction } from "@/lib/rhythm/actions";
import type { TeamCalendar } from "@/lib/rhythm/calendar";

export function CalendarForm({ teamSlug, calendar }: { teamSlug: string; calendar: TeamCalendar }) {
  const t = useTranslations();
  const [state, onSubmit, pending] = useFormAction(saveTeamCalendarAction);
  return (
    <form onSubmit={onSubmit} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm" data-testid="calendar-form">
      <h2 className="font-medium">{t("rhythm.coverage.calendar")}</h2>
      <input type="hidden" name="team" value={teamSlug} />
      <fieldset className="flex flex-wrap gap-3">
        <legend className="mb-1 text-slate-600">{t("rhythm.coverage.workingDays")}</legend>
        {[1, 2, 3, 4, 5, 6, 7].map((day) => (
          <label key={day} className="flex items-center gap-1">
            <input type="checkbox" name="weekday" value={day} defaultChecked={calendar.workingDays.includes(day)} />
            {t(`rhythm.coverage.weekdays.${day}`)}
          </label>
        ))}
      </fieldset>
      <label className="block">
        <span className="mb-1 block text-slate-600">{t("rhythm.coverage.holidays")}</span>
        <textarea
          name="holidays"
          aria-invalid={state.fieldErrors?.holidays ? true : undefined}
          aria-describedby={state.fieldErrors?.holidays ? "calendar-error" : undefined}
          defaultValue={calendar.holidays.join("\n")} rows={4} className="w-full rounded-md border border-slate-300 p-2 font-mono aria-[invalid]:border-red-500" data-testid="calendar-holidays" />
        <span className="text-xs text-slate-500">{t("rhythm.coverage.holidaysHint")}</span>
      </label>
      <div className="flex items-center gap-3">
        <button type="submit" disabled={pending} className="rounded-md bg-indigo-600 px-3 py-1.5 text-white hover:bg-indigo-700 disabled:opacity-50">
          {t("rhythm.coverage.save")}
        </button>
        {state.error ? (
          <p id="calendar-error" className="text-red-700" data-testid="calendar-error">
            {t(state.error.key, state.error.values)}
          </p>
        ) : state.ok ? (
          <p className="text-emerald-700" data-testid="calendar-saved">
            {t("rhythm.coverage.saved")}
          </p>
        ) : null}
      </div>
    </form>
  );
}
