"use server";
// Server actions for the e-mail domains a team claims for single sign-on (admins only).
import { failure, formString, type FormState } from "@/lib/forms";
import { teamAction } from "./context";
import { addEmailDomain, removeEmailDomain } from "./email-domains";
import { canManageTeamSettings } from "./permissions";

export async function addEmailDomainAction(_prev: FormState<{ domain: string }>, formData: FormData): Promise<FormState<{ domain: string }>> {
  try {
    const { viewer, access } = await teamAction(formString(formData, "team", 64), canManageTeamSettings);
    const domain = await addEmailDomain(access.teamId, formString(formData, "domain", 300), viewer.id);
    return { ok: true, data: { domain } };
  } catch (error) {
    return failure(error);
  }
}

export async function removeEmailDomainAction(_prev: FormState, formData: FormData): Promise<FormState> {
  try {
    const { viewer, access } = await teamAction(formString(formData, "team", 64), canManageTeamSettings);
    await removeEmailDomain(access.teamId, formString(formData, "domain", 300), viewer.id);
    return { ok: true };
  } catch (error) {
    return failure(error);
  }
}
