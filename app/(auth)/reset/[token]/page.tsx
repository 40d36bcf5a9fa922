import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AuthShell } from "@/components/auth/auth-shell";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";
import { findResetLink } from "@/lib/auth/password-reset";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("security.reset"))("title") };
}

/** A one-time link from a team admin: anyone holding it sets the account's new password (no session needed). */
export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = await getTranslations("security.reset");
  const link = await findResetLink(token);
  return (
    <AuthShell title={t("title")}>
      {link.state === "valid" && link.email ? (
        <>
          <p className="mb-4 text-sm text-slate-600">{t("for", { email: link.email })}</p>
          <ResetPasswordForm token={token} email={link.email} />
        </>
      ) : (
        <p className="text-sm text-red-700" data-testid="reset-problem">
          {t(`errors.${link.state === "valid" ? "unknown" : link.state}`)}
        </p>
      )}
    </AuthShell>
  );
}
