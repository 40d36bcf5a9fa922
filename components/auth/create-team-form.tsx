"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { useFormAction } from "@/components/ui/use-form-action";
import { createTeamAction } from "@/lib/teams/actions";
import { Button, ErrorMessage, Field } from "@/components/ui/field";
import { formMessages } from "@/components/ui/form-messages";

export function CreateTeamForm() {
  const t = useTranslations();
  const router = useRouter();
  const [state, submit, pending] = useFormAction(createTeamAction);
  useEffect(() => {
    if (state.ok && state.data) router.push(`/t/${state.data.slug}/today`);
  }, [state, router]);
  const messages = formMessages(state, t, ["teamName"]);
  return (
    <form onSubmit={submit} className="space-y-3">
      <Field label={t("auth.teamName")} name="teamName" required maxLength={80} error={messages.field("teamName")} />
      <ErrorMessage>{messages.form}</ErrorMessage>
      <Button className="w-full" disabled={pending}>
        {t("auth.createTeam")}
      </Button>
    </form>
  );
}
