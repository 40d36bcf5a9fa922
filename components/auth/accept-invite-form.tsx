"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import { acceptInviteAction } from "@/lib/teams/signup-actions";
import { Button, ErrorMessage } from "@/components/ui/field";

export function AcceptInviteForm({ token, teamName }: { token: string; teamName: string }) {
  const t = useTranslations();
  const router = useRouter();
  const [state, action, pending] = useActionState(acceptInviteAction, {});
  useEffect(() => {
    if (state.ok && state.data) router.push(`/t/${state.data.slug}/today`);
  }, [state, router]);
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="invite" value={token} />
      <ErrorMessage>{state.error ? t(state.error.key, state.error.values) : null}</ErrorMessage>
      <Button className="w-full" disabled={pending || state.ok}>
        {t("auth.inviteAccept", { team: teamName })}
      </Button>
    </form>
  );
}
