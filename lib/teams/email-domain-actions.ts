"use server";
// Server actions for the e-mail domains a team claims for single sign-on (admins only).
import { requireViewer } from "@/lib/auth/session";
import { failure, formString, type FormState } from "@/lib/forms";
import { requireTeamAccess } from "./access";
import { addEmailDomain, removeEmailDomain } from "./email-domains";

export async function addEmailDomainAction(_prev: FormState<{ domain: string }>, formData: FormData): Promise<FormState<{ domain: string }>> {
  try {
    const viewer = await requireViewer();
    const access = await requireTeamAccess(viewer.id, formString(formData, "team", 64), "admin");
    const domain = await addEmailDomain(access.teamId, formString(formData, "domain", 300), viewer.id);
    return { ok: true, data: { domain } };
  } catch (error) {
    return failure(error);
  }
}

export async function removeEmailDomainAction(_prev: FormState, formData: FormData): Promise<FormState> {
  try {
    const viewer = await requireViewer();
    const access = await requireTeamAccess(viewer.id, formString(formData, "team", 64), "admin");
    await removeEmailDomain(access.teamId, formString(formData, "domain", 300), viewer.id);
    return { ok: true };
  } catch (error) {
    return failure(error);
  }
}
