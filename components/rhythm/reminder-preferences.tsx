"use client";
// My day: "not today" while nothing is logged, and one's own reminder settings (opt out, quiet weekdays).
import { useTranslations } from "next-intl";
import { useFormAction } from "@/components/ui/use-form-action";
import { saveReminderPreferencesAction, snoozeReminderAction } from "@/lib/rhythm/actions";

export function ReminderPreferences({
  teamSlug,
  teamReminderTime,
  day,
  loggedToday,
  preference,
}: {
  teamSlug: string;
  /** The team's reminder time, or null when the team has none switched on. */
  teamReminderTime: string | null;
  day: string;
  loggedToday: boolean;
  preference: { optedOut: boolean; quietDays: number[]; snoozedOn: string | null };
}) {
  const t = useTranslations("reminders.preferences");
  const tAll = useTranslations();
  const [snoozeState, onSnooze, snoozing] = useFormAction(snoozeReminderAction);
  const [saveState, onSave, saving] = useFormAction(saveReminderPreferencesAction);
  const snoozed = snoozeState.data ? snoozeState.data.snoozed : preference.snoozedOn === day;
  const remindable = teamReminderTime !== null && !preference.optedOut;
  return (
    <section className="mt-6 space-y-2 rounded-lg border border-slate-200 bg-white p-3 text-sm" data-testid="reminder-preferences">
      {remindable && !loggedToday ? (
        <form onSubmit={onSnooze} className="flex flex-wrap items-center gap-3">
          <input type="hidden" name="team" value={teamSlug} />
          <input type="hidden" name="snooze" value={snoozed ? "off" : "on"} />
          {snoozed ? <span className="text-slate-700" data-testid="reminder-snoozed">{t("snoozed", { day })}</span> : null}
          <button type="submit" disabled={snoozing} className="rounded-md border border-slate-300 px-3 py-1 hover:bg-slate-50 disabled:opacity-50" data-testid="reminder-snooze">
            {snoozed ? t("unsnooze") : t("snooze")}
          </button>
          {snoozeState.error ? <span className="text-red-700">{tAll(snoozeState.error.key, snoozeState.error.values)}</span> : null}
        </form>
      ) : remindable && loggedToday ? (
        <p className="text-slate-600">{t("loggedToday")}</p>
      ) : null}
      <details>
        <summary className="cursor-pointer text-slate-700">{t("title")}</summary>
        <p className="mt-2 text-slate-600">{teamReminderTime ? t("teamOn", { time: teamReminderTime }) : t("teamOff")}</p>
        <form onSubmit={onSave} className="mt-2 space-y-2">
          <input type="hidden" name="team" value={teamSlug} />
          <label className="flex items-center gap-1">
            <input type="checkbox" name="optedOut" defaultChecked={preference.optedOut} data-testid="reminder-opt-out" />
            {t("optOut")}
          </label>
          <fieldset className="flex flex-wrap gap-3">
            <legend className="mb-1 text-slate-600">{t("quietDays")}</legend>
            {[1, 2, 3, 4, 5, 6, 7].map((weekday) => (
              <label key={weekday} className="flex items-center gap-1">
                <input type="checkbox" name="quietDay" value={weekday} defaultChecked={preference.quietDays.includes(weekday)} />
                {tAll(`rhythm.coverage.weekdays.${weekday}`)}
              </label>
            ))}
          </fieldset>
          <div className="flex items-center gap-3">
            <button type="submit" disabled={saving} className="rounded-md bg-indigo-600 px-3 py-1 text-white hover:bg-indigo-700 disabled:opacity-50" data-testid="reminder-preferences-save">
              {t("save")}
            </button>
            {saveState.error ? (
              <span className="text-red-700" role="alert">{tAll(saveState.error.key, saveState.error.values)}</span>
            ) : saveState.ok ? (
              <span className="text-emerald-700">{t("saved")}</span>
            ) : null}
          </div>
        </form>
      </details>
    </section>
  );
}
