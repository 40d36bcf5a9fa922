"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useState } from "react";
import { useFormAction } from "@/components/ui/use-form-action";
import { changeMemberRoleAction, createInviteAction, createResetLinkAction, removeMemberAction } from "@/lib/teams/actions";
import { Button, ErrorMessage, Field } from "@/components/ui/field";
import { formMessages } from "@/components/ui/form-messages";
import { RESET_LINK_HOURS } from "@/lib/auth/reset-link-hours";

/** A link shown once (invite, password reset), with a copy button. */
function OneTimeLink({ link, note, testId, className }: { link: string; note: string; testId: string; className: string }) {
  const t = useTranslations("settings");
  const [copied, setCopied] = useState(false);
  return (
    <div className={`rounded-md border p-3 text-sm ${className}`}>
      <p className="mb-1">{note}</p>
      <div className="flex gap-2">
        <code className="flex-1 break-all rounded bg-white p-2 font-mono text-xs" data-testid={testId}>
          {link}
        </code>
        <button
          type="button"
          className="rounded-md border border-slate-300 bg-white px-2 text-xs"
          onClick={() => {
            void navigator.clipboard?.writeText(link);
            setCopied(true);
          }}
        >
          {copied ? t("copied") : t("copy")}
        </button>
      </div>
    </div>
  );
}

export function InviteForm({ teamSlug, hours }: { teamSlug: string; hours: number }) {
  const t = useTranslations();
  const router = useRouter();
  const [state, submit, pending] = useFormAction(createInviteAction);
  // The new invite joins the open-invites list below (a server component).
  useEffect(() => {
    if (state.ok) router.refresh();
  }, [state, router]);
  const messages = formMessages(state, t, ["email"]);
  const link = state.ok && state.data ? `${typeof window === "undefined" ? "" : window.location.origin}/invite/${state.data.token}` : null;
  return (
    <form onSubmit={submit} className="space-y-3">
      <input type="hidden" name="team" value={teamSlug} />
      <div className="flex flex-wrap items-end gap-3">
        <div className="w-64">
          <Field label={t("settings.inviteEmail")} name="email" type="email" maxLength={254} error={messages.field("email")} />
        </div>
        <label className="space-y-1 text-sm">
          <span className="block font-medium text-slate-700">{t("settings.inviteRole")}</span>
          <select name="role" defaultValue="member" className="rounded-md border border-slate-300 px-2 py-2 text-sm">
            <option value="member">{t("roles.member")}</option>
            <option value="manager">{t("roles.manager")}</option>
            <option value="admin">{t("roles.admin")}</option>
          </select>
        </label>
        <Button disabled={pending}>{t("settings.createInvite")}</Button>
      </div>
      <ErrorMessage>{messages.form}</ErrorMessage>
      {link ? <OneTimeLink link={link} note={t("settings.inviteLink", { hours })} testId="invite-link" className="border-indigo-200 bg-indigo-50" /> : null}
    </form>
  );
}

/** A one-time password reset link for a member, shown once for the admin to copy and hand over. */
function ResetLink({ teamSlug, member }: { teamSlug: string; member: { userId: string; name: string } }) {
  const t = useTranslations();
  const [state, submit, pending] = useFormAction(createResetLinkAction);
  const link = state.ok && state.data ? `${typeof window === "undefined" ? "" : window.location.origin}/reset/${state.data.token}` : null;
  return (
    <>
      <form onSubmit={submit}>
        <input type="hidden" name="team" value={teamSlug} />
        <input type="hidden" name="userId" value={member.userId} />
        <Button variant="ghost" disabled={pending} aria-label={t("security.reset.buttonFor", { member: member.name })}>
          {t("security.reset.button")}
        </Button>
      </form>
      {state.error ? <p className="w-full text-red-600">{t(state.error.key, state.error.values)}</p> : null}
      {link ? (
        <OneTimeLink link={link} note={t("security.reset.linkMade", { member: member.name, hours: RESET_LINK_HOURS })} testId="reset-link" className="w-full border-amber-300 bg-amber-50" />
      ) : null}
    </>
  );
}

export function MemberRow({
  teamSlug,
  member,
  isSelf,
}: {
  teamSlug: string;
  member: { userId: string; name: string; email: string; role: string; usesPassword: boolean };
  isSelf: boolean;
}) {
  const t = useTranslations();
  const router = useRouter();
  const [roleState, changeRole] = useActionState(changeMemberRoleAction, {});
  const [removeState, remove] = useActionState(removeMemberAction, {});
  useEffect(() => {
    if (roleState.ok || removeState.ok) router.refresh();
  }, [roleState, removeState, router]);
  const error = roleState.error ?? removeState.error;
  return (
    <li className="flex flex-wrap items-center gap-3 px-3 py-2 text-sm" data-testid="member-row">
      <span className="flex-1">
        {member.name} <span className="text-slate-500">{member.email}</span>
      </span>
      <form action={changeRole} className="flex items-center gap-2">
        <input type="hidden" name="team" value={teamSlug} />
        <input type="hidden" name="userId" value={member.userId} />
        <select name="role" defaultValue={member.role} aria-label={t("a11y.memberRole", { member: member.name })} className="rounded-md border border-slate-300 px-2 py-1 text-sm" onChange={(event) => event.currentTarget.form?.requestSubmit()}>
          <option value="member">{t("roles.member")}</option>
          <option value="manager">{t("roles.manager")}</option>
          <option value="admin">{t("roles.admin")}</option>
        </select>
      </form>
      {isSelf || !member.usesPassword ? null : <ResetLink teamSlug={teamSlug} member={member} />}
      {isSelf ? null : (
        <form action={remove}>
          <input type="hidden" name="team" value={teamSlug} />
          <input type="hidden" name="userId" value={member.userId} />
          <Button variant="ghost" aria-label={t("a11y.removeMember", { member: member.name })}>
            ✕
          </Button>
        </form>
      )}
      {error ? <p className="w-full text-red-600">{t(error.key, error.values)}</p> : null}
    </li>
  );
}
