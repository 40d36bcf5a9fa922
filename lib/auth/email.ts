export const EMAIL_MAX = 254;

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase().slice(0, EMAIL_MAX + 1);
}

export function isPlausibleEmail(email: string): boolean {
  return email.length <= EMAIL_MAX && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email);
}
