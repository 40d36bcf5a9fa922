import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { redirect } from "next/navigation";
import { LocaleSwitcher } from "@/components/layout/locale-switcher";
import { ChangePasswordForm, SignOutEverywhereButton, TokenForms } from "@/components/settings/account-forms";
import { listApiTokens } from "@/lib/auth/api-tokens";
import { viewerPage } from "@/lib/teams/context";
import { managesOwnPassword } from "@/lib/auth/sso-accounts";
import { confirmedUntil, GRANT_SECONDS } from "@/lib/auth/reauth";
import { isReauthRefusal } from "@/lib/auth/reauth-claims";
import { ssoConfig } from "@/lib/auth/sso-config";
import { listUserTeams } from "@/lib/teams/access";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("account"))("title") };
}

export default async function AccountPage({ searchParams }: { searchParams: Promise<{ reauth?: string }> }) {
  const viewer = await viewerPage();
  if (!viewer) redirect("/signin?callbackUrl=%2Faccount");
  const t = await getTranslations();
  const { reauth } = await searchParams;
  const [tokens, teams, ownPassword, confirmed] = await Promise.all([
    listApiTokens(viewer.id),
    listUserTeams(viewer.id),
    managesOwnPassword(viewer.id),
    confirmedUntil(viewer.id, "token.create"),
  ]);
  const sso = ssoConfig();
  // Without a password, a token is made after a fresh sign-in at the IdP ("confirm with <OIDC_NAME>").
  const confirmation = ownPassword
    ? ({ kind: "password" } as const)
    : ({
        kind: "sso",
        name: sso?.name ?? t("sso.defaultName"),
        confirmed: confirmed !== null,
        minutes: Math.round(GRANT_SECONDS / 60),
        refusal: isReauthRefusal(reauth) ? reauth : null,
      } as const);
  return (
    <main id="main" className="mx-auto max-w-3xl space-y-10 px-4 py-8">
      <div className="flex items-center justify-between">
        <h1 className="text-xl font-semibold">{t("account.title")}</h1>
        <div className="flex items-center gap-3">
          <LocaleSwitcher />
          {teams[0] ? (
            <Link className="text-sm text-indigo-600 hover:underline" href={`/t/${teams[0].slug}/today`}>
              {t("nav.today")}
            </Link>
          ) : null}
        </div>
      </div>
      <p className="text-sm text-slate-600">
        {viewer.name} · {viewer.email}
      </p>
      <section className="space-y-3">
        <h2 className="font-medium">{t("account.changePassword")}</h2>
        {ownPassword ? <ChangePasswordForm email={viewer.email} /> : <p className="text-sm text-slate-600">{t("sso.passwordManagedBySso")}</p>}
      </section>
      <section className="space-y-3">
        <h2 className="font-medium">{t("account.tokens")}</h2>
        <TokenForms tokens={tokens.map((token) => ({ ...token, createdAt: token.createdAt.toISOString() }))} confirmation={confirmation} />
      </section>
      <section className="space-y-2">
        <h2 className="font-medium">{t("account.signOutEverywhere")}</h2>
        <p className="text-sm text-slate-600">{t("account.signOutEverywhereHint")}</p>
        <SignOutEverywhereButton />
      </section>
    </main>
  );
}
