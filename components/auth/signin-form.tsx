"use client";

import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { sameOriginPath } from "@/lib/auth/redirect";
import { Button, ErrorMessage, Field } from "@/components/ui/field";
import { useHydrated } from "@/components/ui/use-hydrated";

/** Only same-site paths are followed after sign-in. */
export function safeCallback(url: string | null | undefined): string {
  return sameOriginPath(url, window.location.origin) ?? "/";
}

export function SignInForm({ callbackUrl, signUpHref, showSignUp = true }: { callbackUrl?: string; signUpHref: string; showSignUp?: boolean }) {
  const t = useTranslations();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const hydrated = useHydrated();

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    setPending(false);
    if (!result || result.error) {
      setError(result?.error === "RateLimited" ? t("errors.rateLimited", { seconds: 60 }) : t("auth.badCredentials"));
      return;
    }
    router.push(safeCallback(callbackUrl));
    router.refresh();
  }

  return (
    <form method="post" onSubmit={onSubmit} className="space-y-4" noValidate>
      <Field label={t("auth.email")} name="email" type="email" autoComplete="email" required autoFocus maxLength={254} />
      <Field label={t("auth.password")} name="password" type="password" autoComplete="current-password" required maxLength={128} />
      <p className="-mt-2 text-right text-xs text-slate-600" data-testid="forgot-password">
        {t("auth.forgotPassword")}
      </p>
      <ErrorMessage>{error}</ErrorMessage>
      <Button className="w-full" disabled={pending || !hydrated}>
        {pending ? t("auth.signingIn") : t("auth.signIn")}
      </Button>
      {showSignUp ? (
        <p className="text-center text-sm text-slate-600">
          {t("auth.noAccount")}{" "}
          <Link href={signUpHref} className="font-medium text-indigo-600 hover:underline">
            {t("auth.createOne")}
          </Link>
        </p>
      ) : null}
    </form>
  );
}
