"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { useFormAction } from "@/components/ui/use-form-action";
import { createTeamAction } from "@/lib/teams/actions";
import { Button, ErrorMessage, Field } from "@/components/ui/field";

export function CreateTeamForm() {
  const t = useTranslations();
  const router = useRouter();
  const [state, submit, pending] = useFormAction(createTeamAction);
  useEffect(() => {
    if (state.ok && state.data) router.push(`/t/${state.data.slug}/today`);
  }, [state, router]);
  return (
    <form onSubmit={submit} className="space-y-3">
      <Field label={t("auth.teamName")} name="teamName" required maxLength={80} />
      <ErrorMessage>{state.error ? t(state.error.key, state.error.values) : null}</ErrorMessage>
      <Button className="w-full" disabled={pending}>
        {t("auth.createTeam")}
      </Button>
    </form>
  );
}
