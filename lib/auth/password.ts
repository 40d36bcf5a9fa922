// Password hashing (argon2id) and the password policy shared by sign-up, change-password, invites and the CLI.
import { hash, verify } from "@node-rs/argon2";
import { COMMON_PASSWORDS } from "./common-passwords";

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

// Algorithm 2 = argon2id; OWASP's second recommended profile (19 MiB, t=2, p=1).
const ARGON2_OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/** Returns the i18n key of what is wrong with the password, or null when it is acceptable. */
export function passwordProblem(password: string, email?: string): string | null {
  if (password.length < PASSWORD_MIN) return "errors.passwordTooShort";
  if (password.length > PASSWORD_MAX) return "errors.passwordTooLong";
  const lowered = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lowered)) return "errors.passwordCommon";
  if (email && lowered === email.toLowerCase()) return "errors.passwordCommon";
  if (/^(.)\1+$/.test(password)) return "errors.passwordCommon";
  return null;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  if (password.length > PASSWORD_MAX) return false;
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verifying against a throwaway hash keeps "unknown email" as slow as "wrong password".
let dummyHash: Promise<string> | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword("opsmix-timing-equaliser");
  await verifyPassword(await dummyHash, password.slice(0, PASSWORD_MAX));
}
