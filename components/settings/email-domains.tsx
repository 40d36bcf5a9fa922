"use client";
// Team settings: e-mail domains whose people join this team at their first single sign-on.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import { useFormAction } from "@/components/ui/use-form-action";
import { Button, ErrorMessage, Field } from "@/components/ui/field";
import { addEmailDomainAction, removeEmailDomainAction } from "@/lib/teams/email-domain-actions";

export function EmailDomainsSettings({ teamSlug, domains, ssoConfigured }: { teamSlug: string; domains: string[]; ssoConfigured: boolean }) {
  const t = useTranslations("sso");
  const tAll = useTranslations();
  const router = useRouter();
  const [added, add, adding] = useFormAction(addEmailDomainAction);
  const [removed, remove] = useActionState(removeEmailDomainAction, {});
  useEffect(() => {
    if (added.ok || removed.ok) router.refresh();
  }, [added, removed, router]);
  const error = added.error ?? removed.error;
  return (
    <div className="space-y-3" data-testid="email-domains">
      <p className="text-sm text-slate-600">{t("domainsHelp")}</p>
      {ssoConfigured ? null : <p className="text-sm text-amber-700">{t("domainsNotConfigured")}</p>}
      {domains.length ? (
        <ul className="divide-y divide-slate-100 rounded-md border border-slate-200 bg-white">
          {domains.map((domain) => (
            <li key={domain} className="flex items-center gap-3 px-3 py-2 text-sm" data-testid="email-domain">
              <span className="flex-1">{t("domainRow", { domain })}</span>
              <form action={remove}>
                <input type="hidden" name="team" value={teamSlug} />
                <input type="hidden" name="domain" value={domain} />
                <Button variant="ghost" aria-label={t("removeDomain", { domain })}>
                  ✕
                </Button>
              </form>
            </li>
          ))}
        </ul>
      ) : null}
      <form onSubmit={add} className="flex flex-wrap items-end gap-3">
        <input type="hidden" name="team" value={teamSlug} />
        <div className="w-64">
          <Field label={t("domainLabel")} name="domain" placeholder="example.com" maxLength={253} />
        </div>
        <Button disabled={adding}>{t("addDomain")}</Button>
      </form>
      <ErrorMessage>{error ? tAll(error.key, error.values) : null}</ErrorMessage>
    </div>
  );
}
