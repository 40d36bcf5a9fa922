"use client";
// "Sign in with <company SSO>": starts next-auth's OIDC flow (PKCE, state and nonce are set by next-auth).
import { signIn } from "next-auth/react";
import { useState } from "react";
import { Button } from "@/components/ui/field";
import { safeCallback } from "./signin-form";

export function SsoButton({ label, callbackUrl }: { label: string; callbackUrl?: string }) {
  const [pending, setPending] = useState(false);
  return (
    <Button
      type="button"
      variant="secondary"
      className="w-full"
      disabled={pending}
      data-testid="sso-button"
      onClick={() => {
        setPending(true);
        void signIn("oidc", { callbackUrl: safeCallback(callbackUrl) });
      }}
    >
      {label}
    </Button>
  );
}
