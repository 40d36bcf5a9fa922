import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { AuthShell } from "@/components/auth/auth-shell";
import { SignInForm } from "@/components/auth/signin-form";
import { viewerPage } from "@/lib/teams/context";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth"))("signIn") };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  if (await viewerPage()) redirect("/");
  const t = await getTranslations("auth");
  const target = typeof callbackUrl === "string" ? callbackUrl : undefined;
  const inviteMatch = target?.match(/^\/invite\/([A-Za-z0-9_-]{1,100})$/);
  return (
    <AuthShell title={t("signInTitle")}>
      <SignInForm callbackUrl={target} signUpHref={inviteMatch ? `/signup?invite=${inviteMatch[1]}` : "/signup"} />
    </AuthShell>
  );
}
