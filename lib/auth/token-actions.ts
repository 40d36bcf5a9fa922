"use server";
// Personal API tokens from the account page.
import { recordAudit } from "@/lib/audit/record";
import { failure, formString, type FormState } from "@/lib/forms";
import { redirect } from "next/navigation";
import { headers } from "next/headers";
import { createApiTokenWithPassword, createApiTokenWithReauth } from "./account-security";
import { revokeApiToken } from "./api-tokens";
import { PASSWORD_MAX } from "./password";
import { clientIp } from "./rate-limit";
import { startReauth } from "./reauth";
import { viewerAction } from "./session";
import { managesOwnPassword } from "./sso-accounts";

export async function createTokenAction(_prev: FormState<{ token: string }>, formData: FormData): Promise<FormState<{ token: string }>> {
  try {
    const viewer = await viewerAction();
    const name = formString(formData, "name", 200);
    // Password accounts type their password; accounts without one spend a fresh confirmation at their IdP.
    const { token } = (await managesOwnPassword(viewer.id))
      ? await createApiTokenWithPassword(viewer.id, name, formString(formData, "password", PASSWORD_MAX + 1))
      : await createApiTokenWithReauth(viewer.id, name);
    return { ok: true, data: { token } };
  } catch (error) {
    return failure(error);
  }
}

export async function revokeTokenAction(_prev: FormState, formData: FormData): Promise<FormState> {
  try {
    const viewer = await viewerAction();
    const id = formString(formData, "id", 64);
    await revokeApiToken(viewer.id, id);
    await recordAudit({ action: "token.revoke", actorId: viewer.id, targetType: "apiToken", targetId: id });
    return { ok: true };
  } catch (error) {
    return failure(error);
  }
}

/** "Confirm with <OIDC_NAME>": sends the person to sign in again at the IdP; they come back to the account page. */
export async function confirmWithSsoAction(_prev: FormState, formData: FormData): Promise<FormState> {
  let destination: string;
  try {
    const viewer = await viewerAction();
    destination = await startReauth(viewer.id, formString(formData, "purpose", 40), clientIp(await headers()));
  } catch (error) {
    return failure(error);
  }
  redirect(destination);
}
