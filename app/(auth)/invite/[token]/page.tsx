import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { AuthShell } from "@/components/auth/auth-shell";
import { AcceptInviteForm } from "@/components/auth/accept-invite-form";
import { viewerPage } from "@/lib/teams/context";
import { findInvite } from "@/lib/teams/mutations";

export const dynamic = "force-dynamic";

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = await getTranslations();
  const { state, invite } = await findInvite(token);
  if (state !== "valid" || !invite) {
    const key =
      state === "expired" ? "auth.inviteExpired" : state === "used" ? "auth.inviteUsed" : state === "revoked" ? "security.errors.inviteRevoked" : "auth.inviteUnknown";
    return (
      <AuthShell title={t("auth.signInTitle")}>
        <p className="text-sm text-red-700" data-testid="invite-problem">
          {t(key)}
        </p>
      </AuthShell>
    );
  }
  const viewer = await viewerPage();
  return (
    <AuthShell title={t("auth.inviteTitle", { team: invite.team.name })}>
      <p className="mb-4 text-sm text-slate-600">
        {t("auth.inviteRole", { role: t(`roles.${invite.role}`) })}
        {invite.email ? <span className="block">{t("auth.inviteFor", { email: invite.email })}</span> : null}
      </p>
      {viewer ? (
        <AcceptInviteForm token={token} teamName={invite.team.name} />
      ) : (
        <div className="space-y-3">
          <p className="text-sm text-slate-600">{t("auth.inviteSignInFirst")}</p>
          <div className="flex gap-2">
            <Link className="flex-1 rounded-md bg-indigo-600 px-3 py-2 text-center text-sm font-medium text-white" href={`/signup?invite=${encodeURIComponent(token)}`}>
              {t("auth.signUp")}
            </Link>
            <Link className="flex-1 rounded-md border border-slate-300 px-3 py-2 text-center text-sm font-medium" href={`/signin?callbackUrl=${encodeURIComponent(`/invite/${token}`)}`}>
              {t("auth.signIn")}
            </Link>
          </div>
        </div>
      )}
    </AuthShell>
  );
}
