import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { AuthShell } from "@/components/auth/auth-shell";
import { SignUpForm } from "@/components/auth/signup-form";
import { anyUserExists } from "@/lib/auth/users";
import { viewerPage } from "@/lib/teams/context";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth"))("signUp") };
}

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ invite?: string }> }) {
  const { invite } = await searchParams;
  if (await viewerPage()) redirect(invite ? `/invite/${encodeURIComponent(invite)}` : "/");
  const t = await getTranslations("auth");
  const firstRun = !(await anyUserExists());
  return (
    <AuthShell title={t("signUpTitle")}>
      <SignUpForm inviteToken={typeof invite === "string" ? invite : undefined} firstRun={firstRun} />
    </AuthShell>
  );
}
