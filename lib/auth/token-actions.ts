"use server";
// Personal API tokens from the account page.
import { recordAudit } from "@/lib/audit/record";
import { failure, formString, type FormState } from "@/lib/forms";
import { createApiToken, revokeApiToken } from "./api-tokens";
import { requireViewer } from "./session";

export async function createTokenAction(_prev: FormState<{ token: string }>, formData: FormData): Promise<FormState<{ token: string }>> {
  try {
    const viewer = await requireViewer();
    const { token, id } = await createApiToken(viewer.id, formString(formData, "name", 200));
    await recordAudit({ action: "token.create", actorId: viewer.id, targetType: "apiToken", targetId: id });
    return { ok: true, data: { token } };
  } catch (error) {
    return failure(error);
  }
}

export async function revokeTokenAction(_prev: FormState, formData: FormData): Promise<FormState> {
  try {
    const viewer = await requireViewer();
    const id = formString(formData, "id", 64);
    await revokeApiToken(viewer.id, id);
    await recordAudit({ action: "token.revoke", actorId: viewer.id, targetType: "apiToken", targetId: id });
    return { ok: true };
  } catch (error) {
    return failure(error);
  }
}
