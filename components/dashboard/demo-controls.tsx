"use client";
// The demo workspace's two buttons: "explore" on an empty dashboard, "delete all demo data" in its banner.
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { deleteDemoAction, exploreDemoAction } from "@/lib/demo/actions";
import { Button, ErrorMessage } from "@/components/ui/field";

export function ExploreDemoButton() {
  const t = useTranslations();
  const [state, action, pending] = useActionState(exploreDemoAction, {});
  return (
    <form action={action} className="space-y-2">
      <Button disabled={pending} data-testid="explore-demo">
        {pending ? t("dashboard.empty.exploring") : t("dashboard.empty.explore")}
      </Button>
      <ErrorMessage>{state.error ? t(state.error.key, state.error.values) : null}</ErrorMessage>
    </form>
  );
}

export function DeleteDemoButton({ teamSlug }: { teamSlug: string }) {
  const t = useTranslations();
  const [state, action, pending] = useActionState(deleteDemoAction, {});
  return (
    <form
      action={action}
      onSubmit={(event) => {
        if (!window.confirm(t("dashboard.demo.confirm"))) event.preventDefault();
      }}
      className="inline"
    >
      <input type="hidden" name="team" value={teamSlug} />
      <Button variant="secondary" disabled={pending} data-testid="delete-demo" className="py-1">
        {pending ? t("dashboard.demo.deleting") : t("dashboard.demo.delete")}
      </Button>
      <ErrorMessage>{state.error ? t(state.error.key, state.error.values) : null}</ErrorMessage>
    </form>
  );
}
