"use client";
// Team settings: the team's open invites, each revocable by an admin.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import { Button } from "@/components/ui/field";
import { revokeInviteAction } from "@/lib/teams/actions";

export interface OpenInvite {
  id: string;
  email: string | null;
  role: string;
  expiresAt: string;
  createdByName: string;
}

export function InviteList({ teamSlug, invites }: { teamSlug: string; invites: OpenInvite[] }) {
  const t = useTranslations();
  if (invites.length === 0) return <p className="text-sm text-slate-500">{t("security.invites.none")}</p>;
  return (
    <ul className="divide-y divide-slate-100 rounded-md border border-slate-200 bg-white" data-testid="open-invites">
      {invites.map((invite) => (
        <InviteRow key={invite.id} teamSlug={teamSlug} invite={invite} />
      ))}
    </ul>
  );
}

function InviteRow({ teamSlug, invite }: { teamSlug: string; invite: OpenInvite }) {
  const t = useTranslations();
  const router = useRouter();
  const [state, revoke, pending] = useActionState(revokeInviteAction, {});
  useEffect(() => {
    if (state.ok) router.refresh();
  }, [state, router]);
  return (
    <li className="flex flex-wrap items-center gap-3 px-3 py-2 text-sm" data-testid="open-invite">
      <span className="flex-1">
        {invite.email ?? t("security.invites.anyone")} <span className="text-slate-500">· {t(`roles.${invite.role}`)}</span>
        <span className="block text-xs text-slate-500">
          {t("security.invites.detail", { name: invite.createdByName, expires: new Date(invite.expiresAt).toLocaleString() })}
        </span>
      </span>
      <form action={revoke}>
        <input type="hidden" name="team" value={teamSlug} />
        <input type="hidden" name="inviteId" value={invite.id} />
        <Button variant="ghost" disabled={pending}>
          {t("security.invites.revoke")}
        </Button>
      </form>
      {state.error ? <p className="w-full text-red-600">{t(state.error.key, state.error.values)}</p> : null}
    </li>
  );
}
