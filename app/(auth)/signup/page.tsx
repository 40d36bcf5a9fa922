import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { AuthShell } from "@/components/auth/auth-shell";
import { SignUpForm } from "@/components/auth/signup-form";
import { anyUserExists } from "@/lib/auth/users";
import { viewerPage } from "@/lib/teams/context";
import { SsoButton } from "@/components/auth/sso-button";
import { isSsoOnly, ssoConfig } from "@/lib/auth/sso-config";
import { findInvite } from "@/lib/teams/mutations";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth"))("signUp") };
}

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ invite?: string }> }) {
  const { invite } = await searchParams;
  if (await viewerPage()) redirect(invite ? `/invite/${encodeURIComponent(invite)}` : "/");
  const t = await getTranslations("auth");
  if (isSsoOnly()) {
    // Accounts come from single sign-on; an invitee signs in with it and then accepts the invite.
    const tSso = await getTranslations("sso");
    const sso = ssoConfig();
    const name = sso?.name ?? tSso("defaultName");
    return (
      <AuthShell title={t("signUpTitle")}>
        <p className="mb-4 text-sm text-slate-600">{tSso("signupSsoOnly", { name })}</p>
        {sso ? <SsoButton label={tSso("signInWith", { name })} callbackUrl={typeof invite === "string" ? `/invite/${encodeURIComponent(invite)}` : undefined} /> : null}
      </AuthShell>
    );
  }
  const firstRun = !(await anyUserExists());
  // Through an invite: say which team, and fill in the address the invite was made for (fixed when it is bound).
  const found = typeof invite === "string" ? await findInvite(invite) : null;
  const joining =
    found?.state === "valid" && found.invite
      ? { team: found.invite.team.name, role: (await getTranslations("roles"))(found.invite.role), email: found.invite.email }
      : undefined;
  return (
    <AuthShell title={joining ? t("inviteTitle", { team: joining.team }) : t("signUpTitle")}>
      <SignUpForm inviteToken={typeof invite === "string" ? invite : undefined} joining={joining} firstRun={firstRun} />
    </AuthShell>
  );
}
