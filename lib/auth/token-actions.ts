"use server";
// Personal API tokens from the account page.
import { recordAudit } from "@/lib/audit/record";
import { failure, formString, type FormState } from "@/lib/forms";
import { createApiTokenWithPassword } from "./account-security";
import { revokeApiToken } from "./api-tokens";
import { PASSWORD_MAX } from "./password";
import { viewerAction } from "./session";

export async function createTokenAction(_prev: FormState<{ token: string }>, formData: FormData): Promise<FormState<{ token: string }>> {
  try {
    const viewer = await viewerAction();
    const { token } = await createApiTokenWithPassword(viewer.id, formString(formData, "name", 200), formString(formData, "password", PASSWORD_MAX + 1));
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
