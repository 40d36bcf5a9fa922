"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import { createTeamAction } from "@/lib/teams/actions";
import { Button, ErrorMessage, Field } from "@/components/ui/field";

export function CreateTeamForm() {
  const t = useTranslations();
  const router = useRouter();
  const [state, action, pending] = useActionState(createTeamAction, {});
  useEffect(() => {
    if (state.ok && state.data) router.push(`/t/${state.data.slug}/today`);
  }, [state, router]);
  return (
    <form action={action} className="space-y-3">
      <Field label={t("auth.teamName")} name="teamName" required maxLength={80} />
      <ErrorMessage>{state.error ? t(state.error.key, state.error.values) : null}</ErrorMessage>
      <Button className="w-full" disabled={pending}>
        {t("auth.createTeam")}
      </Button>
    </form>
  );
}
