"use server";
// Server actions for teams: create a team, invite, change a member's role, remove a member, team settings.
import { requireViewer } from "@/lib/auth/session";
import { Invalid } from "@/lib/errors";
import { failure, formString, type FormState } from "@/lib/forms";
import { requireTeamAccess, type TeamRole } from "./access";
import { revokeInvite } from "./invites";
import { changeMemberRole, createTeamForUser, removeMember } from "./members";
import { createInvite } from "./mutations";

const TEAM_ROLES: readonly TeamRole[] = ["member", "manager", "admin"];

function parseTeamRole(value: string): TeamRole {
  if (!(TEAM_ROLES as readonly string[]).includes(value)) throw new Invalid();
  return value as TeamRole;
}

export async function createTeamAction(_prev: FormState<{ slug: string }>, formData: FormData): Promise<FormState<{ slug: string }>> {
  try {
    const viewer = await requireViewer();
    const team = await createTeamForUser(viewer.id, formString(formData, "teamName", 200));
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

/** Admins revoke an open invite from the team settings page. */
export async function revokeInviteAction(_prev: FormState, formData: FormData): Promise<FormState> {
  try {
    const viewer = await requireViewer();
    const access = await requireTeamAccess(viewer.id, formString(formData, "team", 64), "admin");
    await revokeInvite(access.teamId, viewer.id, formString(formData, "inviteId", 64));
    return { ok: true };
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
    await changeMemberRole(access.teamId, viewer.id, formString(formData, "userId", 64), role);
    return { ok: true };
  } catch (error) {
    return failure(error);
  }
}

export async function removeMemberAction(_prev: FormState, formData: FormData): Promise<FormState> {
  try {
    const viewer = await requireViewer();
    const access = await requireTeamAccess(viewer.id, formString(formData, "team", 64), "admin");
    await removeMember(access.teamId, viewer.id, formString(formData, "userId", 64));
    return { ok: true };
  } catch (error) {
    return failure(error);
  }
}
