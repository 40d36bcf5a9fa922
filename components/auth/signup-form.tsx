"use client";

import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { useFormAction } from "@/components/ui/use-form-action";
import { signUpAction } from "@/lib/teams/signup-actions";
import { Button, ErrorMessage, Field } from "@/components/ui/field";
import { useHydrated } from "@/components/ui/use-hydrated";
import { formMessages } from "@/components/ui/form-messages";

/** What the invite says: the team being joined, the role, and the address it was made for (if bound to one). */
export interface InviteJoining {
  team: string;
  role: string;
  email: string | null;
}

export function SignUpForm({ inviteToken, joining, firstRun }: { inviteToken?: string; joining?: InviteJoining; firstRun: boolean }) {
  const t = useTranslations();
  const router = useRouter();
  const [state, submit, pending] = useFormAction(signUpAction);
  // The password typed at submit, to sign in with once the account exists.
  const submitted = useRef("");
  const hydrated = useHydrated();
  const messages = formMessages(state, t, ["name", "email", "password", "teamName"]);

  useEffect(() => {
    if (!state.ok || !state.data) return;
    // The account exists: sign in with the password still in the form, then land in the workspace.
    void signIn("credentials", { email: state.data.email, password: submitted.current, redirect: false }).then(() => {
      router.push("/");
      router.refresh();
    });
  }, [state, router]);

  return (
    <form
      method="post"
      onSubmit={(event) => {
        submitted.current = String(new FormData(event.currentTarget).get("password") ?? "");
        submit(event);
      }}
      className="space-y-4"
    >
      {firstRun ? <p className="rounded-md bg-indigo-50 px-3 py-2 text-sm text-indigo-800">{t("auth.firstRunHint")}</p> : null}
      {inviteToken ? <input type="hidden" name="invite" value={inviteToken} /> : null}
      {joining ? (
        <p className="rounded-md bg-indigo-50 px-3 py-2 text-sm text-indigo-800" data-testid="invite-joining">
          {t("auth.inviteJoining", { team: joining.team, role: joining.role })}
        </p>
      ) : null}
      <Field label={t("auth.name")} name="name" autoComplete="name" required maxLength={80} autoFocus error={messages.field("name")} />
      <Field
        label={t("auth.email")}
        name="email"
        type="email"
        autoComplete="email"
        required
        maxLength={254}
        defaultValue={joining?.email ?? undefined}
        readOnly={Boolean(joining?.email)}
        hint={joining?.email ? t("auth.inviteEmailBound") : undefined}
        error={messages.field("email")}
      />
      <Field
        label={t("auth.password")}
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={8}
        maxLength={128}
        hint={t("auth.passwordHint")}
        error={messages.field("password")}
      />
      {inviteToken ? null : (
        <Field label={t("auth.teamName")} name="teamName" required maxLength={80} hint={t("auth.teamNameHint")} error={messages.field("teamName")} />
      )}
      <ErrorMessage>{messages.form}</ErrorMessage>
      <Button className="w-full" disabled={pending || state.ok || !hydrated}>
        {t("auth.signUp")}
      </Button>
      <p className="text-center text-sm text-slate-600">
        {t("auth.haveAccount")}{" "}
        <Link href={inviteToken ? `/signin?callbackUrl=${encodeURIComponent(`/invite/${inviteToken}`)}` : "/signin"} className="font-medium text-indigo-600 hover:underline">
          {t("auth.signInInstead")}
        </Link>
      </p>
    </form>
  );
}
