"use client";

import { signIn, signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useRef, useState } from "react";
import { useFormAction } from "@/components/ui/use-form-action";
import { changePasswordAction, signOutEverywhereAction } from "@/lib/auth/actions";
import { confirmWithSsoAction, createTokenAction, revokeTokenAction } from "@/lib/auth/token-actions";
import { Button, ErrorMessage, Field } from "@/components/ui/field";
import { formMessages } from "@/components/ui/form-messages";
import { forgetOfflinePages } from "@/components/pwa/service-worker";

export function ChangePasswordForm({ email }: { email: string }) {
  const t = useTranslations();
  const [state, submit, pending] = useFormAction(changePasswordAction);
  // The new password typed at submit: this session signs in again with it.
  const submitted = useRef("");
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (!state.ok) return;
    // Other sessions were revoked with the old version; this one signs in again with the new password.
    void signIn("credentials", { email, password: submitted.current, redirect: false }).then(() => formRef.current?.reset());
  }, [state, email]);
  const messages = formMessages(state, t, ["current", "next", "repeat"]);
  return (
    <form
      ref={formRef}
      onSubmit={(event) => {
        submitted.current = String(new FormData(event.currentTarget).get("next") ?? "");
        submit(event);
      }}
      className="max-w-sm space-y-3"
    >
      <Field label={t("account.currentPassword")} name="current" type="password" autoComplete="current-password" required maxLength={128} error={messages.field("current")} />
      <Field label={t("account.newPassword")} name="next" type="password" autoComplete="new-password" required minLength={8} maxLength={128} hint={t("auth.passwordHint")} error={messages.field("next")} />
      <Field label={t("account.repeatPassword")} name="repeat" type="password" autoComplete="new-password" required maxLength={128} error={messages.field("repeat")} />
      <KeepTokensBox />
      <ErrorMessage>{messages.form}</ErrorMessage>
      {state.ok ? <p className="text-sm text-emerald-700">{t("account.passwordChanged")}</p> : null}
      <Button disabled={pending}>{t("account.changePassword")}</Button>
    </form>
  );
}

/** Unticked by default: API tokens are revoked with the password or the sessions unless the person keeps them. */
function KeepTokensBox() {
  const t = useTranslations("security.account");
  return (
    <label className="flex items-start gap-2 text-sm text-slate-700">
      <input type="checkbox" name="keepTokens" value="1" className="mt-1" />
      <span>
        {t("keepTokens")}
        <span className="block text-xs text-slate-500">{t("keepTokensHint")}</span>
      </span>
    </label>
  );
}

export function SignOutEverywhereButton() {
  const t = useTranslations("account");
  const [pending, setPending] = useState(false);
  return (
    <form
      className="space-y-2"
      onSubmit={async (event) => {
        event.preventDefault();
        setPending(true);
        await signOutEverywhereAction(new FormData(event.currentTarget));
        forgetOfflinePages();
        await signOut({ callbackUrl: "/signin" });
      }}
    >
      <KeepTokensBox />
      <button type="submit" disabled={pending} className="rounded-md border border-red-300 px-3 py-2 text-sm text-red-700 hover:bg-red-50">
        {t("signOutEverywhere")}
      </button>
    </form>
  );
}

/** How a token's maker proves it is them: the password, or (no password) a fresh sign-in at the IdP. */
export type TokenConfirmation =
  | { kind: "password" }
  | { kind: "sso"; name: string; confirmed: boolean; minutes: number; refusal: string | null };

function ConfirmWithSso({ confirmation }: { confirmation: Extract<TokenConfirmation, { kind: "sso" }> }) {
  const t = useTranslations("sso.reauth");
  const tAll = useTranslations();
  // A plain form action: nothing typed to keep, and it works before hydration (a POST, then the redirect to the IdP).
  const [state, confirm, pending] = useActionState(confirmWithSsoAction, {});
  const { name } = confirmation;
  if (confirmation.confirmed) return <p className="text-sm text-emerald-700">{t("confirmed", { name, minutes: confirmation.minutes })}</p>;
  return (
    <form action={confirm} className="max-w-xl space-y-2">
      <input type="hidden" name="purpose" value="token.create" />
      <p className="text-sm text-slate-600">{t("needed", { name })}</p>
      <ErrorMessage>
        {state.error ? tAll(state.error.key, state.error.values) : confirmation.refusal ? t(`errors.${confirmation.refusal}`) : null}
      </ErrorMessage>
      <Button disabled={pending}>{t("confirm", { name })}</Button>
    </form>
  );
}

export function TokenForms({ tokens, confirmation }: { tokens: { id: string; name: string; prefix: string; createdAt: string }[]; confirmation: TokenConfirmation }) {
  const t = useTranslations();
  const router = useRouter();
  const [state, submit, pending] = useFormAction(createTokenAction);
  const [revokeState, revoke] = useActionState(revokeTokenAction, {});
  useEffect(() => {
    if (state.ok || revokeState.ok) router.refresh();
  }, [state, revokeState, router]);
  return (
    <div className="space-y-4">
      {confirmation.kind === "sso" ? <ConfirmWithSso confirmation={confirmation} /> : null}
      {confirmation.kind === "password" || confirmation.confirmed ? (
        <form onSubmit={submit} className="flex max-w-xl flex-wrap items-end gap-2">
          <div className="flex-1">
            <Field label={t("account.tokenName")} name="name" maxLength={60} placeholder="BI script" />
          </div>
          {confirmation.kind === "password" ? (
            <div className="flex-1">
              <Field label={t("security.account.tokenPassword")} name="password" type="password" autoComplete="current-password" required maxLength={128} />
            </div>
          ) : null}
          <Button disabled={pending}>{t("account.createToken")}</Button>
        </form>
      ) : null}
      <ErrorMessage>{state.error ? t(state.error.key, state.error.values) : null}</ErrorMessage>
      {state.ok && state.data ? (
        <div className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm">
          <p className="mb-1">{t("account.tokenCreated")}</p>
          <code className="block break-all rounded bg-white p-2 font-mono text-xs" data-testid="new-token">
            {state.data.token}
          </code>
        </div>
      ) : null}
      {tokens.length === 0 ? (
        <p className="text-sm text-slate-500">{t("account.noTokens")}</p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-md border border-slate-200 bg-white">
          {tokens.map((token) => (
            <li key={token.id} className="flex items-center justify-between px-3 py-2 text-sm">
              <span>
                {token.name} <code className="ml-2 text-xs text-slate-500">{token.prefix}…</code>
              </span>
              <form action={revoke}>
                <input type="hidden" name="id" value={token.id} />
                <Button variant="ghost">{t("account.revoke")}</Button>
              </form>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
