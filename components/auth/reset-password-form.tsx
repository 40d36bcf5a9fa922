"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { useFormAction } from "@/components/ui/use-form-action";
import { useHydrated } from "@/components/ui/use-hydrated";
import { Button, ErrorMessage, Field } from "@/components/ui/field";
import { resetPasswordAction } from "@/lib/auth/reset-actions";

export function ResetPasswordForm({ token, email }: { token: string; email: string }) {
  const t = useTranslations();
  const [state, submit, pending] = useFormAction(resetPasswordAction);
  const hydrated = useHydrated();
  if (state.ok) {
    return (
      <div className="space-y-3">
        <p className="text-sm text-emerald-700" data-testid="reset-done">
          {t("security.reset.done")}
        </p>
        <Link href="/signin" className="block rounded-md bg-indigo-600 px-3 py-2 text-center text-sm font-medium text-white">
          {t("security.reset.signIn")}
        </Link>
      </div>
    );
  }
  return (
    <form onSubmit={submit} className="space-y-4">
      <input type="hidden" name="token" value={token} />
      {/* For password managers: the account whose password this is. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <Field label={t("account.newPassword")} name="next" type="password" autoComplete="new-password" required minLength={8} maxLength={128} hint={t("auth.passwordHint")} />
      <Field label={t("account.repeatPassword")} name="repeat" type="password" autoComplete="new-password" required maxLength={128} />
      <ErrorMessage>{state.error ? t(state.error.key, state.error.values) : null}</ErrorMessage>
      <Button className="w-full" disabled={pending || !hydrated}>
        {t("security.reset.submit")}
      </Button>
    </form>
  );
}
