"use server";
// Server actions for accounts: sign-up, password change, logout everywhere, language.
import { cookies, headers } from "next/headers";
import { Invalid } from "@/lib/errors";
import { failure, formString, type FormState } from "@/lib/forms";
import { isLocale, LOCALE_COOKIE } from "@/lib/i18n/locales";
import { acceptInvite, signUpMode, signUpWithInvite } from "@/lib/teams/invites";
import { signUpWithNewTeam } from "@/lib/teams/mutations";
import { changePassword, signOutEverywhere } from "./account-security";
import { setUserLocale } from "./accounts";
import { PASSWORD_MAX } from "./password";
import { clientIp, hitRateLimit, LIMITS } from "./rate-limit";
import { viewerAction, viewerPage } from "./session";
import { anyUserExists, createUser } from "./users";
import { isSsoOnly } from "./sso-config";

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

export async function changePasswordAction(_prev: FormState, formData: FormData): Promise<FormState> {
  try {
    const viewer = await viewerAction();
    await hitRateLimit(`password:user:${viewer.id}`, LIMITS.passwordPerUser);
    await changePassword(viewer, {
      current: formString(formData, "current", PASSWORD_MAX + 1),
      next: formString(formData, "next", PASSWORD_MAX + 1),
      repeat: formString(formData, "repeat", PASSWORD_MAX + 1),
      keepTokens: formString(formData, "keepTokens", 1) === "1",
    });
    return { ok: true };
  } catch (error) {
    return failure(error);
  }
}

/** Ends every session; API tokens go too unless the form says keepTokens=1 (called without a form: revoked). */
export async function signOutEverywhereAction(formData?: FormData): Promise<FormState> {
  try {
    const viewer = await viewerAction();
    const keepTokens = formData instanceof FormData && formString(formData, "keepTokens", 1) === "1";
    await signOutEverywhere(viewer.id, { keepTokens });
    return { ok: true };
  } catch (error) {
    return failure(error);
  }
}

export async function setLocaleAction(locale: string): Promise<FormState> {
  if (!isLocale(locale)) return failure(new Invalid());
  (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", maxAge: 365 * 24 * 3600, sameSite: "lax", httpOnly: false });
  const viewer = await viewerPage();
  if (viewer) await setUserLocale(viewer, locale);
  return { ok: true };
}
