"use server";
// Server actions of the team rhythm area. Each checks the session and the team permission itself.
import { revalidatePath } from "next/cache";
import { requireViewer } from "@/lib/auth/session";
import { Invalid } from "@/lib/errors";
import { failure, formString, type FormState } from "@/lib/forms";
import { requireTeamAccess } from "@/lib/teams/access";
import { SLUG_PATTERN } from "@/lib/teams/slug";
import { parseCalendarInput } from "./calendar";
import { setTeamCalendar } from "./settings";

/** Saves the team's working weekdays (checkboxes named "weekday") and holidays (one text field). */
export async function saveTeamCalendarAction(_prev: FormState, formData: FormData): Promise<FormState> {
  try {
    const viewer = await requireViewer();
    const team = formString(formData, "team", 100);
    if (!SLUG_PATTERN.test(team)) throw new Invalid();
    const access = await requireTeamAccess(viewer.id, team, "manager");
    const weekdays = formData instanceof FormData ? formData.getAll("weekday").map(String) : [];
    const calendar = parseCalendarInput(weekdays, formString(formData, "holidays", 20_000));
    await setTeamCalendar(access, calendar);
    revalidatePath(`/t/${access.slug}/coverage`);
    return { ok: true };
  } catch (error) {
    return failure(error);
  }
}
