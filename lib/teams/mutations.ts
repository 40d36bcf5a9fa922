import "server-only";
// Creating users and teams, invites and membership changes. Callers have checked permissions; these own the rules.
import { createHash, randomBytes } from "node:crypto";
import { prisma } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { Conflict, Invalid, NotFound } from "@/lib/errors";
import { hashPassword, passwordProblem } from "@/lib/auth/password";
import { isPlausibleEmail, isReservedEmail, normaliseEmail } from "@/lib/auth/email";
import { isValidSlug, slugFromName } from "./slug";
import type { TeamRole } from "./access";

export const NAME_MAX = 80;
export const INVITE_TTL_HOURS = 72;

export interface NewUserInput {
  email: string;
  password: string;
  name: string;
}

export function validateNewUser(input: NewUserInput): { email: string; name: string } {
  const email = normaliseEmail(input.email);
  if (!isPlausibleEmail(email)) throw new Invalid("errors.emailInvalid");
  if (isReservedEmail(email)) throw new Invalid("security.errors.emailReserved");
  const name = input.name.trim();
  if (!name) throw new Invalid("errors.nameRequired");
  if (name.length > NAME_MAX) throw new Invalid("errors.nameTooLong");
  const problem = passwordProblem(input.password, email);
  if (problem) throw new Invalid(problem);
  return { email, name };
}

export function validateTeamName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw new Invalid("errors.teamNameRequired");
  if (trimmed.length > NAME_MAX) throw new Invalid("errors.nameTooLong");
  return trimmed;
}

async function uniqueSlug(base: string): Promise<string> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const candidate = attempt === 0 ? base : `${base.slice(0, 33)}-${randomBytes(2).toString("hex")}`;
    if (!(await prisma.team.findUnique({ where: { slug: candidate }, select: { id: true } }))) return candidate;
  }
  throw new Conflict("errors.slugTaken");
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}

/** Sign-up: a new user who founds a new team (and is its admin). */
export async function signUpWithNewTeam(input: NewUserInput & { teamName: string; slug?: string }) {
  const { email, name } = validateNewUser(input);
  const teamName = validateTeamName(input.teamName);
  if (input.slug !== undefined && !isValidSlug(input.slug)) throw new Invalid("errors.slugInvalid");
  const slug = input.slug ?? (await uniqueSlug(slugFromName(teamName)));
  const passwordHash = await hashPassword(input.password);
  try {
    return await prisma.$transaction(async (tx) => {
      const user = await tx.user.create({ data: { email, name, passwordHash }, select: { id: true, email: true } });
      const team = await tx.team.create({ data: { name: teamName, slug }, select: { id: true, slug: true } });
      await tx.membership.create({ data: { teamId: team.id, userId: user.id, role: "admin" } });
      await tx.auditEvent.create({
        data: { action: "team.create", teamId: team.id, actorId: user.id, targetType: "team", targetId: team.id },
      });
      return { userId: user.id, teamSlug: team.slug };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      const target = String((error as { meta?: { target?: unknown } }).meta?.target ?? "");
      throw new Conflict(target.includes("slug") ? "errors.slugTaken" : "errors.emailTaken");
    }
    throw error;
  }
}

export async function createUser(input: NewUserInput) {
  const { email, name } = validateNewUser(input);
  const passwordHash = await hashPassword(input.password);
  try {
    return await prisma.user.create({ data: { email, name, passwordHash }, select: { id: true, email: true } });
  } catch (error) {
    if (isUniqueViolation(error)) throw new Conflict("errors.emailTaken");
    throw error;
  }
}

export async function createTeam(input: { slug: string; name: string }) {
  if (!isValidSlug(input.slug)) throw new Invalid("errors.slugInvalid");
  const name = validateTeamName(input.name);
  try {
    return await prisma.team.create({ data: { slug: input.slug, name }, select: { id: true, slug: true } });
  } catch (error) {
    if (isUniqueViolation(error)) throw new Conflict("errors.slugTaken");
    throw error;
  }
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export async function createInvite(input: { teamId: string; role: TeamRole; createdById: string; email?: string }) {
  // The invite admits this address only (lib/teams/invites.ts): one nobody can sign up with would be a dead link.
  const email = input.email ? normaliseEmail(input.email) : null;
  if (email !== null && !isPlausibleEmail(email)) throw new Invalid("errors.emailInvalid");
  if (email !== null && isReservedEmail(email)) throw new Invalid("security.errors.emailReserved");
  const token = randomBytes(24).toString("base64url");
  const invite = await prisma.invite.create({
    data: {
      teamId: input.teamId,
      role: input.role,
      email,
      tokenHash: hashToken(token),
      createdById: input.createdById,
      expiresAt: new Date(Date.now() + INVITE_TTL_HOURS * 3600 * 1000),
    },
    select: { id: true, expiresAt: true },
  });
  await recordAudit({
    action: "invite.create",
    teamId: input.teamId,
    actorId: input.createdById,
    targetType: "invite",
    targetId: invite.id,
    detail: { role: input.role },
  });
  return { token, ...invite };
}

export type InviteState = "valid" | "expired" | "used" | "revoked" | "unknown";

export async function findInvite(token: string) {
  if (typeof token !== "string" || token.length > 100) return { state: "unknown" as InviteState, invite: null };
  const invite = await prisma.invite.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      teamId: true,
      role: true,
      email: true,
      expiresAt: true,
      usedAt: true,
      revokedAt: true,
      createdById: true,
      team: { select: { name: true, slug: true } },
    },
  });
  if (!invite) return { state: "unknown" as InviteState, invite: null };
  if (invite.usedAt) return { state: "used" as InviteState, invite };
  if (invite.revokedAt) return { state: "revoked" as InviteState, invite };
  if (invite.expiresAt.getTime() < Date.now()) return { state: "expired" as InviteState, invite };
  return { state: "valid" as InviteState, invite };
}

export async function addMembership(input: { teamSlug: string; userId: string; role: TeamRole }) {
  const team = await prisma.team.findUnique({ where: { slug: input.teamSlug }, select: { id: true } });
  if (!team) throw new NotFound();
  await prisma.membership.upsert({
    where: { teamId_userId: { teamId: team.id, userId: input.userId } },
    create: { teamId: team.id, userId: input.userId, role: input.role },
    update: { role: input.role },
  });
  return team;
}
