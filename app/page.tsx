import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { AuthShell } from "@/components/auth/auth-shell";
import { CreateTeamForm } from "@/components/auth/create-team-form";
import { anyUserExists } from "@/lib/auth/users";
import { viewerPage } from "@/lib/teams/context";
import { listUserTeams } from "@/lib/teams/access";

export const dynamic = "force-dynamic";

/** Front door: into the viewer's first team, else to sign-in (or sign-up on a fresh install). */
export default async function HomePage() {
  const viewer = await viewerPage();
  if (!viewer) {
    redirect((await anyUserExists()) ? "/signin" : "/signup");
  }
  const teams = await listUserTeams(viewer.id);
  if (teams[0]) redirect(`/t/${teams[0].slug}/today`);
  const t = await getTranslations("auth");
  return (
    <AuthShell title={t("noTeamTitle")}>
      <p className="mb-4 text-sm text-slate-600">{t("noTeamBody")}</p>
      <CreateTeamForm />
    </AuthShell>
  );
}
