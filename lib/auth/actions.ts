"use server";
// Server actions for accounts: password change, logout everywhere, language. Sign-up creates or joins a team, so its
// actions live with the teams (lib/teams/signup-actions.ts): lib/teams builds on lib/auth, never the other way round.
import { cookies } from "next/headers";
import { Invalid } from "@/lib/errors";
import { failure, formString, type FormState } from "@/lib/forms";
import { isLocale, LOCALE_COOKIE } from "@/lib/i18n/locales";
import { changePassword, signOutEverywhere } from "./account-security";
import { setUserLocale } from "./accounts";
import { PASSWORD_MAX } from "./password";
import { hitRateLimit, LIMITS } from "./rate-limit";
import { viewerAction, viewerPage } from "./session";

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
