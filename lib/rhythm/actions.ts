"use server";
// Server actions of the team rhythm area. Each checks the session and the team permission itself.
import { revalidatePath } from "next/cache";
import { failure, formString, type FormState } from "@/lib/forms";
import { teamAction } from "@/lib/teams/context";
import { parseCalendarInput } from "./calendar";
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
