"use client";
// Managers set when reminders and the weekly digest go out, and how (e-mail, chat); recent runs show what went out.
import { useTranslations } from "next-intl";
import { useFormAction } from "@/components/ui/use-form-action";
import { saveRhythmScheduleAction } from "@/lib/rhythm/actions";

export interface ScheduleView {
  reminderEnabled: boolean;
  reminderTime: string;
  reminderEmail: boolean;
  reminderChat: boolean;
  digestEnabled: boolean;
  digestWeekday: number;
  digestTime: string;
  digestEmail: boolean;
  digestChat: boolean;
}

export interface RunView {
  id: string;
  kind: string;
  period: string;
  status: string;
  attempts: number;
  sent: number;
  lastError: string | null;
}

export function ScheduleForm({ teamSlug, zone, schedule, next, runs }: { teamSlug: string; zone: string; schedule: ScheduleView; next: { reminder: string | null; digest: string | null }; runs: RunView[] }) {
  const t = useTranslations("reminders.schedule");
  const tAll = useTranslations();
  const [state, onSubmit, pending] = useFormAction(saveRhythmScheduleAction);
  const box = "flex items-center gap-1";
  return (
    <form onSubmit={onSubmit} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm" data-testid="schedule-form">
      <h2 className="font-medium">{t("title")}</h2>
      <p className="text-slate-600">{t("intro", { zone })}</p>
      <input type="hidden" name="team" value={teamSlug} />
      <fieldset className="flex flex-wrap items-center gap-3">
        <label className={box}>
          <input type="checkbox" name="reminderEnabled" defaultChecked={schedule.reminderEnabled} data-testid="reminder-enabled" />
          {t("reminderEnabled")}
        </label>
        <input type="time" name="reminderTime" aria-label={t("reminderTime")} defaultValue={schedule.reminderTime} className="rounded-md border border-slate-300 px-2 py-1" data-testid="reminder-time" />
        <Ways name="reminder" email={schedule.reminderEmail} chat={schedule.reminderChat} />
      </fieldset>
      <fieldset className="flex flex-wrap items-center gap-3">
        <label className={box}>
          <input type="checkbox" name="digestEnabled" defaultChecked={schedule.digestEnabled} data-testid="digest-enabled" />
          {t("digestEnabled")}
        </label>
        <select name="digestWeekday" aria-label={t("digestWeekday")} defaultValue={String(schedule.digestWeekday)} className="rounded-md border border-slate-300 px-2 py-1">
          {[1, 2, 3, 4, 5, 6, 7].map((day) => (
            <option key={day} value={day}>
              {tAll(`rhythm.coverage.weekdays.${day}`)}
            </option>
          ))}
        </select>
        <input type="time" name="digestTime" aria-label={t("digestTime")} defaultValue={schedule.digestTime} className="rounded-md border border-slate-300 px-2 py-1" data-testid="digest-time" />
        <Ways name="digest" email={schedule.digestEmail} chat={schedule.digestChat} />
      </fieldset>
      <p className="text-xs text-slate-500">{t("channelsHint")}</p>
      <p className="text-slate-600" data-testid="schedule-next">
        {t("next", { reminder: next.reminder ?? t("nextNone"), digest: next.digest ?? t("nextNone") })}
      </p>
      <div className="flex items-center gap-3">
        <button type="submit" disabled={pending} className="rounded-md bg-indigo-600 px-3 py-1.5 text-white hover:bg-indigo-700 disabled:opacity-50" data-testid="schedule-save">
          {t("save")}
        </button>
        {state.error ? (
          <p className="text-red-700" role="alert" data-testid="schedule-error">
            {tAll(state.error.key, state.error.values)}
          </p>
        ) : state.ok ? (
          <p className="text-emerald-700" data-testid="schedule-saved">
            {t("saved")}
          </p>
        ) : null}
      </div>
      <div>
        <h3 className="mb-1 font-medium">{t("runs")}</h3>
        {runs.length === 0 ? (
          <p className="text-slate-500">{t("noRuns")}</p>
        ) : (
          <ul className="space-y-1" data-testid="schedule-runs">
            {runs.map((run) => (
              <li key={run.id} className={run.status === "failed" ? "text-red-700" : "text-slate-700"}>
                {t("runLine", { kind: t(`runKind.${run.kind === "digest" ? "digest" : "reminder"}`), period: run.period, status: t(`runStatus.${run.status}`), sent: run.sent, attempts: run.attempts })}
                {run.lastError ? <span className="block text-xs">{t("runError", { error: run.lastError })}</span> : null}
              </li>
            ))}
          </ul>
        )}
      </div>
    </form>
  );
}

/** "by e-mail" and "in chat" checkboxes of one schedule (named <name>Email, <name>Chat). */
function Ways({ name, email, chat }: { name: string; email: boolean; chat: boolean }) {
  const t = useTranslations("reminders.schedule");
  return (
    <>
      {(["Email", "Chat"] as const).map((way) => (
        <label key={way} className="flex items-center gap-1">
          <input type="checkbox" name={`${name}${way}`} defaultChecked={way === "Email" ? email : chat} data-testid={`${name}-${way.toLowerCase()}`} />
          {t(way === "Email" ? "byEmail" : "byChat")}
        </label>
      ))}
    </>
  );
}
