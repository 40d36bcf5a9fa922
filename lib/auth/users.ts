import "server-only";
// Creating accounts: the rules for a new user's email, name and password, and the insert. Accounts own their writes;
// founding a team at sign-up is lib/teams' createTeam, which calls in here (lib/auth never imports lib/teams).
import { prisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { Conflict, Invalid } from "@/lib/errors";
import { isPlausibleEmail, isReservedEmail, normaliseEmail } from "./email";
import { hashPassword, passwordProblem } from "./password";

export const NAME_MAX = 80;

export interface NewUserInput {
  email: string;
  password: string;
  name: string;
}

export function validateNewUser(input: NewUserInput): { email: string; name: string } {
  const email = normaliseEmail(input.email);
  if (!isPlausibleEmail(email)) throw new Invalid("errors.emailInvalid", { field: "email" });
  if (isReservedEmail(email)) throw new Invalid("security.errors.emailReserved", { field: "email" });
  const name = input.name.trim();
  if (!name) throw new Invalid("errors.nameRequired", { field: "name" });
  if (name.length > NAME_MAX) throw new Invalid("errors.nameTooLong", { field: "name" });
  const problem = passwordProblem(input.password, email);
  if (problem) throw new Invalid(problem, { field: "password" });
  return { email, name };
}

export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}

/** A validated user with the password hashed (slow on purpose: do it before opening a transaction). */
export async function prepareNewUser(input: NewUserInput): Promise<{ email: string; name: string; passwordHash: string }> {
  const { email, name } = validateNewUser(input);
  return { email, name, passwordHash: await hashPassword(input.password) };
}

/** Inserts a prepared user (in `db`, a transaction when the caller has one); a taken email is a Conflict. */
export async function insertUser(user: { email: string; name: string; passwordHash: string }, db: Prisma.TransactionClient = prisma) {
  try {
    return await db.user.create({ data: user, select: { id: true, email: true } });
  } catch (error) {
    if (isUniqueViolation(error)) throw new Conflict("errors.emailTaken");
    throw error;
  }
}

/** Creates an account (sign-up through an invite, the CLI's user:create). */
export async function createUser(input: NewUserInput) {
  return insertUser(await prepareNewUser(input));
}

/** True once anyone has an account (a fresh install sends people to sign-up instead of sign-in). */
export async function anyUserExists(): Promise<boolean> {
  return (await prisma.user.findFirst({ select: { id: true } })) !== null;
}
