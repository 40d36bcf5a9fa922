"use server";
// Server actions of the team rhythm area. Each checks the session and the team permission itself.
import { revalidatePath } from "next/cache";
import { failure, formString, type FormState } from "@/lib/forms";
import { teamAction } from "@/lib/teams/context";
import { parseCalendarInput } from "./calendar";
import { parseQuietDays, setReminderPreference, snoozeToday } from "./preferences";
import { canSetRhythmSchedule, parseScheduleInput, setRhythmSchedule } from "./schedule-settings";
import { canSetTeamCalendar, setTeamCalendar } from "./settings";

/** Saves the team's working weekdays (checkboxes named "weekday") and holidays (one text field). */
export async function saveTeamCalendarAction(_prev: FormState, formData: FormData): Promise<FormState> {
  try {
    const { access } = await teamAction(formString(formData, "team", 100), canSetTeamCalendar);
    const weekdays = formData instanceof FormData ? formData.getAll("weekday").map(String) : [];
    const calendar = parseCalendarInput(weekdays, formString(formData, "holidays", 20_000));
    await setTeamCalendar(access, calendar);
    revalidatePath(`/t/${access.slug}/coverage`);
    return { ok: true };
  } catch (error) {
    return failure(error);
  }
}

/** Saves the team's reminder and digest schedule (managers and admins). */
export async function saveRhythmScheduleAction(_prev: FormState, formData: FormData): Promise<FormState> {
  try {
    const { access } = await teamAction(formString(formData, "team", 100), canSetRhythmSchedule);
    const schedule = parseScheduleInput((name) => formString(formData, name, 20));
    await setRhythmSchedule(access, schedule);
    revalidatePath(`/t/${access.slug}/coverage`);
    return { ok: true };
  } catch (error) {
    return failure(error);
  }
}

/** A member's own reminder settings in this team: opt out and quiet weekdays (checkboxes named "quietDay"). */
export async function saveReminderPreferencesAction(_prev: FormState, formData: FormData): Promise<FormState> {
  try {
    const { access } = await teamAction(formString(formData, "team", 100));
    const quietDays = parseQuietDays(formData instanceof FormData ? formData.getAll("quietDay").map(String).slice(0, 7) : []);
    await setReminderPreference(access, { optedOut: formString(formData, "optedOut", 5) === "on", quietDays });
    revalidatePath(`/t/${access.slug}/today`);
    return { ok: true };
  } catch (error) {
    return failure(error);
  }
}

/** "Not today" on My day (snooze=off lifts it again). */
export async function snoozeReminderAction(_prev: FormState, formData: FormData): Promise<FormState<{ day: string; snoozed: boolean }>> {
  try {
    const { access } = await teamAction(formString(formData, "team", 100));
    const snoozed = formString(formData, "snooze", 5) !== "off";
    const day = await snoozeToday(access, snoozed);
    revalidatePath(`/t/${access.slug}/today`);
    return { ok: true, data: { day, snoozed } };
  } catch (error) {
    return failure(error);
  }
}
