"use server";
// The page a reset link opens: no session needed, the link itself is the proof (lib/auth/password-reset.ts).
import { headers } from "next/headers";
import { failure, formString, type FormState } from "@/lib/forms";
import { PASSWORD_MAX } from "./password";
import { resetPasswordWithLink } from "./password-reset";
import { clientIp, hitRateLimit, LIMITS } from "./rate-limit";

export async function resetPasswordAction(_prev: FormState, formData: FormData): Promise<FormState> {
  try {
    const ip = clientIp(await headers());
    // Guessing links is hopeless (256 bits), but each try costs a password hash: limit them like sign-ups.
    await hitRateLimit(`reset:ip:${ip}`, LIMITS.signUpPerIp);
    await resetPasswordWithLink(
      formString(formData, "token", 200),
      formString(formData, "next", PASSWORD_MAX + 1),
      formString(formData, "repeat", PASSWORD_MAX + 1),
      ip,
    );
    return { ok: true };
  } catch (error) {
    return failure(error);
  }
}
