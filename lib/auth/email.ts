export const EMAIL_MAX = 254;

/** Trimmed, lower-cased, without control characters (no address has them, and PostgreSQL refuses a NUL byte). */
export function normaliseEmail(email: string): string {
  return email.replace(/[\u0000-\u001f\u007f]/g, "").trim().toLowerCase().slice(0, EMAIL_MAX + 1);
}

export function isPlausibleEmail(email: string): boolean {
  return email.length <= EMAIL_MAX && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email);
}

/** Demo people live at this reserved domain (.invalid never resolves): nobody may register or sign in there. */
export const DEMO_EMAIL_DOMAIN = "demo.opsmix.invalid";

export function isReservedEmail(email: string): boolean {
  return normaliseEmail(email).endsWith(`@${DEMO_EMAIL_DOMAIN}`);
}
