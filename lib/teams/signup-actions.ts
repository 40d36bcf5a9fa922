"use server";
// Sign-up server actions: a new account with its own team, or one that joins a team by invite, and accepting an
// invite when signed in. Accounts themselves are lib/auth's (createUser); the team side is this folder's.
import { headers } from "next/headers";
import { clientIp, hitRateLimit, LIMITS } from "@/lib/auth/rate-limit";
import { PASSWORD_MAX } from "@/lib/auth/password";
import { viewerAction } from "@/lib/auth/session";
import { isSsoOnly } from "@/lib/auth/sso-config";
import { anyUserExists } from "@/lib/auth/users";
import { Invalid } from "@/lib/errors";
import { failure, formString, type FormState } from "@/lib/forms";
import { acceptInvite, signUpMode, signUpWithInvite } from "./invites";
import { signUpWithNewTeam } from "./mutations";

export async function signUpAction(_prev: FormState<{ email: string }>, formData: FormData): Promise<FormState<{ email: string }>> {
  try {
    // OPSMIX_AUTH=sso-only: accounts come from single sign-on (invitees sign in with it, then accept the invite).
    if (isSsoOnly()) throw new Invalid("sso.errors.signupSsoOnly");
    await hitRateLimit(`signup:ip:${clientIp(await headers())}`, LIMITS.signUpPerIp);
    const input = {
      email: formString(formData, "email", 300),
      password: formString(formData, "password", PASSWORD_MAX + 1),
      name: formString(formData, "name", 200),
    };
    const inviteToken = formString(formData, "invite", 200);
    if (inviteToken) {
      const user = await signUpWithInvite(input, inviteToken);
      return { ok: true, data: { email: user.email } };
    }
    if (signUpMode() === "invite-only" && (await anyUserExists())) throw new Invalid("errors.signupClosed");
    const created = await signUpWithNewTeam({ ...input, teamName: formString(formData, "teamName", 200) });
    return { ok: true, data: { email: created.email } };
  } catch (error) {
    return failure(error);
  }
}

export async function acceptInviteAction(_prev: FormState<{ slug: string }>, formData: FormData): Promise<FormState<{ slug: string }>> {
  try {
    const viewer = await viewerAction();
    const { teamSlug } = await acceptInvite(formString(formData, "invite", 200), viewer.id);
    return { ok: true, data: { slug: teamSlug } };
  } catch (error) {
    return failure(error);
  }
}
