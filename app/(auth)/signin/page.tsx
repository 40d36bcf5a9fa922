import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthShell } from "@/components/auth/auth-shell";
import { SignInForm } from "@/components/auth/signin-form";
import { viewerPage } from "@/lib/teams/context";
import { SsoButton } from "@/components/auth/sso-button";
import { ErrorMessage } from "@/components/ui/field";
import { isSsoRefusal } from "@/lib/auth/sso-claims";
import { isSsoOnly, ssoConfig } from "@/lib/auth/sso-config";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth"))("signIn") };
}

/** next-auth's own error codes for the OAuth flow, and ours (sso_<reason>), as a translated refusal reason. */
function ssoErrorReason(error: string | undefined): string | null {
  if (!error) return null;
  const ours = error.startsWith("sso_") ? error.slice(4) : null;
  if (isSsoRefusal(ours)) return ours;
  if (error === "AccessDenied") return "denied";
  if (["OAuthSignin", "OAuthCallback", "OAuthCreateAccount", "Callback", "Configuration"].includes(error)) return "provider";
  return null;
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string; operator?: string }> }) {
  const { callbackUrl, error, operator } = await searchParams;
  if (await viewerPage()) redirect("/");
  const t = await getTranslations("auth");
  const tSso = await getTranslations("sso");
  const target = typeof callbackUrl === "string" ? callbackUrl : undefined;
  const inviteMatch = target?.match(/^\/invite\/([A-Za-z0-9_-]{1,100})$/);
  const sso = ssoConfig();
  const ssoOnly = isSsoOnly();
  // sso-only: the password form stays reachable for break-glass operators at /signin?operator=1 (only they get in).
  const showPasswordForm = !ssoOnly || operator === "1";
  const reason = ssoErrorReason(typeof error === "string" ? error : undefined);
  return (
    <AuthShell title={t("signInTitle")}>
      <div className="space-y-4">
        <ErrorMessage>{reason ? tSso(`errors.${reason}`) : null}</ErrorMessage>
        {sso ? <SsoButton label={tSso("signInWith", { name: sso.name ?? tSso("defaultName") })} callbackUrl={target} /> : null}
        {ssoOnly && !showPasswordForm ? (
          <p className="text-center text-sm text-slate-600">
            {tSso("ssoOnlyNote")}{" "}
            <Link href="/signin?operator=1" className="text-xs text-slate-500 hover:underline">
              {tSso("breakGlassLink")}
            </Link>
          </p>
        ) : null}
        {sso && showPasswordForm ? <p className="text-center text-xs uppercase text-slate-500">{tSso("or")}</p> : null}
        {showPasswordForm ? (
          <SignInForm callbackUrl={target} signUpHref={inviteMatch ? `/signup?invite=${inviteMatch[1]}` : "/signup"} showSignUp={!ssoOnly} />
        ) : null}
      </div>
    </AuthShell>
  );
}
