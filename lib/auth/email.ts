export const EMAIL_MAX = 254;

/** Trimmed, lower-cased, without control characters (no address has them, and PostgreSQL refuses a NUL byte). */
export function normaliseEmail(email: string): string {
  return email.replace(/[\u0000-\u001f\u007f]/g, "").trim().toLowerCase().slice(0, EMAIL_MAX + 1);
}

export function isPlausibleEmail(email: string): boolean {
  return email.length <= EMAIL_MAX && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email);
}
