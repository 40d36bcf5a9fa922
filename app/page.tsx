import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { AuthShell } from "@/components/auth/auth-shell";
import { CreateTeamForm } from "@/components/auth/create-team-form";
import { anyUserExists } from "@/lib/auth/users";
import { viewerPage } from "@/lib/teams/context";
import { isSsoOnly } from "@/lib/auth/sso-config";
import { listUserTeams } from "@/lib/teams/access";
import { signUpMode } from "@/lib/teams/invites";

export const dynamic = "force-dynamic";

/** Front door: into the viewer's first team, else to sign-in (or sign-up on a fresh install). */
export default async function HomePage() {
  const viewer = await viewerPage();
  if (!viewer) {
    redirect((await anyUserExists()) || isSsoOnly() ? "/signin" : "/signup");
  }
  const teams = await listUserTeams(viewer.id);
  if (teams[0]) redirect(`/t/${teams[0].slug}/today`);
  const t = await getTranslations("auth");
  // OPSMIX_SIGNUP=invite-only: someone in no team administers none, so founding one is closed (lib/teams/members.ts); single sign-on makes accounts freely.
  const inviteOnly = signUpMode() === "invite-only";
  return (
    <AuthShell title={t("noTeamTitle")}>
      <p className="mb-4 text-sm text-slate-600">{inviteOnly ? (await getTranslations("errors"))("signupClosed") : t("noTeamBody")}</p>
      {inviteOnly ? null : <CreateTeamForm />}
    </AuthShell>
  );
}
