"use server";
// Server actions for teams: create a team, invite, change a member's role, remove a member, team settings.
import { prisma } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { requireViewer } from "@/lib/auth/session";
import { Invalid, NotFound } from "@/lib/errors";
import { failure, formString, type FormState } from "@/lib/forms";
import { requireTeamAccess, type TeamRole } from "./access";
import { createInvite, validateTeamName } from "./mutations";
import { slugFromName } from "./slug";
import { randomBytes } from "node:crypto";

const TEAM_ROLES: readonly TeamRole[] = ["member", "manager", "admin"];

function parseTeamRole(value: string): TeamRole {
  if (!(TEAM_ROLES as readonly string[]).includes(value)) throw new Invalid();
  return value as TeamRole;
}

export async function createTeamAction(_prev: FormState<{ slug: string }>, formData: FormData): Promise<FormState<{ slug: string }>> {
  try {
    const viewer = await requireViewer();
    const name = validateTeamName(formString(formData, "teamName", 200));
    let slug = slugFromName(name);
    if (await prisma.team.findUnique({ where: { slug }, select: { id: true } })) slug = `${slug.slice(0, 33)}-${randomBytes(2).toString("hex")}`;
    const team = await prisma.$transaction(async (tx) => {
      const created = await tx.team.create({ data: { name, slug }, select: { id: true, slug: true } });
      await tx.membership.create({ data: { teamId: created.id, userId: viewer.id, role: "admin" } });
      return created;
    });
    await recordAudit({ action: "team.create", teamId: team.id, actorId: viewer.id, targetType: "team", targetId: team.id });
    return { ok: true, data: { slug: team.slug } };
  } catch (error) {
    return failure(error);
  }
}

export async function createInviteAction(_prev: FormState<{ token: string }>, formData: FormData): Promise<FormState<{ token: string }>> {
  try {
    const viewer = await requireViewer();
    const access = await requireTeamAccess(viewer.id, formString(formData, "team", 64), "admin");
    const role = parseTeamRole(formString(formData, "role", 20) || "member");
    const email = formString(formData, "email", 300).trim() || undefined;
    const { token } = await createInvite({ teamId: access.teamId, role, createdById: viewer.id, email });
    return { ok: true, data: { token } };
  } catch (error) {
    return failure(error);
  }
}

/** Admins change roles; the change signs the member out so their next request sees the new role. */
export async function changeMemberRoleAction(_prev: FormState, formData: FormData): Promise<FormState> {
  try {
    const viewer = await requireViewer();
    const access = await requireTeamAccess(viewer.id, formString(formData, "team", 64), "admin");
    const role = parseTeamRole(formString(formData, "role", 20));
    const userId = formString(formData, "userId", 64);
    await prisma.$transaction(async (tx) => {
      const membership = await tx.membership.findUnique({ where: { teamId_userId: { teamId: access.teamId, userId } } });
      if (!membership) throw new NotFound();
      if (membership.role === "admin" && role !== "admin") {
        const admins = await tx.membership.count({ where: { teamId: access.teamId, role: "admin" } });
        if (admins <= 1) throw new Invalid("errors.lastAdmin");
      }
      await tx.membership.update({ where: { id: membership.id }, data: { role } });
      await tx.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
    });
    await recordAudit({ action: "member.role.change", teamId: access.teamId, actorId: viewer.id, targetType: "user", targetId: userId, detail: { role } });
    return { ok: true };
  } catch (error) {
    return failure(error);
  }
}

export async function removeMemberAction(_prev: FormState, formData: FormData): Promise<FormState> {
  try {
    const viewer = await requireViewer();
    const access = await requireTeamAccess(viewer.id, formString(formData, "team", 64), "admin");
    const userId = formString(formData, "userId", 64);
    await prisma.$transaction(async (tx) => {
      const membership = await tx.membership.findUnique({ where: { teamId_userId: { teamId: access.teamId, userId } } });
      if (!membership) throw new NotFound();
      if (membership.role === "admin") {
        const admins = await tx.membership.count({ where: { teamId: access.teamId, role: "admin" } });
        if (admins <= 1) throw new Invalid("errors.lastAdmin");
      }
      await tx.membership.delete({ where: { id: membership.id } });
      await tx.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
    });
    await recordAudit({ action: "member.remove", teamId: access.teamId, actorId: viewer.id, targetType: "user", targetId: userId });
    return { ok: true };
  } catch (error) {
    return failure(error);
  }
}
