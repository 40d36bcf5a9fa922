import "server-only";
// Creating teams, invites and membership changes (accounts are lib/auth/users.ts). Callers have checked permissions; these own the rules.
import { randomBytes } from "node:crypto";
import { prisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { recordAudit } from "@/lib/audit/record";
import { Conflict, Invalid, NotFound } from "@/lib/errors";
import { isPlausibleEmail, isReservedEmail, normaliseEmail } from "@/lib/auth/email";
import { hashToken } from "@/lib/auth/token-hash";
import { createUser, insertUser, isUniqueViolation, NAME_MAX, prepareNewUser, validateNewUser, type NewUserInput } from "@/lib/auth/users";
import { isValidSlug, slugFromName } from "./slug";
import type { TeamRole } from "./access";

export const INVITE_TTL_HOURS = 72;
export { createUser, hashToken, NAME_MAX, validateNewUser, type NewUserInput };

export function validateTeamName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw new Invalid("errors.teamNameRequired", { field: "teamName" });
  if (trimmed.length > NAME_MAX) throw new Invalid("errors.nameTooLong", { field: "teamName" });
  return trimmed;
}

async function freeSlug(base: string, db: Prisma.TransactionClient): Promise<string> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const candidate = attempt === 0 ? base : `${base.slice(0, 33)}-${randomBytes(2).toString("hex")}`;
    if (!(await db.team.findUnique({ where: { slug: candidate }, select: { id: true } }))) return candidate;
  }
  throw new Conflict("errors.slugTaken");
}

export interface NewTeamInput {
  name: string;
  /** A slug the caller chose (the CLI): it must be valid and free. Without one it comes from the name, made unique. */
  slug?: string;
  /** The founder becomes the team's admin, in the same transaction; the creation is audited as theirs. */
  founderId?: string | null;
}

/**
 * The one way a team is created (the "new team" action, sign-up and the CLI), with one slug rule: a chosen slug must
 * be valid and free (else "slug taken"); otherwise the name's slug, with a short random suffix when taken.
 */
export async function createTeam(input: NewTeamInput, db?: Prisma.TransactionClient): Promise<{ id: string; slug: string }> {
  const name = validateTeamName(input.name);
  if (input.slug !== undefined && !isValidSlug(input.slug)) throw new Invalid("errors.slugInvalid");
  const create = async (tx: Prisma.TransactionClient) => {
    const slug = input.slug ?? (await freeSlug(slugFromName(name), tx));
    const team = await tx.team.create({ data: { name, slug }, select: { id: true, slug: true } });
    if (input.founderId) await tx.membership.create({ data: { teamId: team.id, userId: input.founderId, role: "admin" } });
    await tx.auditEvent.create({ data: { action: "team.create", teamId: team.id, actorId: input.founderId ?? null, targetType: "team", targetId: team.id } });
    return team;
  };
  try {
    return db ? await create(db) : await prisma.$transaction(create);
  } catch (error) {
    if (isUniqueViolation(error)) throw new Conflict("errors.slugTaken");
    throw error;
  }
}

/** Sign-up: a new user who founds a new team (and is its admin), both or neither. */
export async function signUpWithNewTeam(input: NewUserInput & { teamName: string; slug?: string }) {
  const user = await prepareNewUser(input);
  validateTeamName(input.teamName);
  return prisma.$transaction(async (tx) => {
    const created = await insertUser(user, tx);
    const team = await createTeam({ name: input.teamName, slug: input.slug, founderId: created.id }, tx);
    return { userId: created.id, email: created.email, teamSlug: team.slug };
  });
}

export async function createInvite(input: { teamId: string; role: TeamRole; createdById: string; email?: string }) {
  // The invite admits this address only (lib/teams/invites.ts): one nobody can sign up with would be a dead link.
  const email = input.email ? normaliseEmail(input.email) : null;
  if (email !== null && !isPlausibleEmail(email)) throw new Invalid("errors.emailInvalid", { field: "email" });
  if (email !== null && isReservedEmail(email)) throw new Invalid("security.errors.emailReserved", { field: "email" });
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

