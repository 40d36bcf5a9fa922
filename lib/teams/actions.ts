"use server";
// Server actions for teams: create a team, invite, change a member's role, remove a member, team settings.
// Each is parse → permission (lib/teams/context.ts with a named permission) → one call into lib/teams.
import { createResetLink } from "@/lib/auth/password-reset";
import { Invalid } from "@/lib/errors";
import { failure, formString, type FormState } from "@/lib/forms";
import type { TeamRole } from "./access";
import { teamAction, viewerAction } from "./context";
import { revokeInvite } from "./invites";
import { changeMemberRole, createTeamForUser, removeMember } from "./members";
import { createInvite } from "./mutations";
import { canInvite, canManageMembers } from "./permissions";

const TEAM_ROLES: readonly TeamRole[] = ["member", "manager", "admin"];

function parseTeamRole(value: string): TeamRole {
  if (!(TEAM_ROLES as readonly string[]).includes(value)) throw new Invalid();
  return value as TeamRole;
}

export async function createTeamAction(_prev: FormState<{ slug: string }>, formData: FormData): Promise<FormState<{ slug: string }>> {
  try {
    const viewer = await viewerAction();
    const team = await createTeamForUser(viewer.id, formString(formData, "teamName", 200));
    return { ok: true, data: { slug: team.slug } };
  } catch (error) {
    return failure(error);
  }
}

export async function createInviteAction(_prev: FormState<{ token: string }>, formData: FormData): Promise<FormState<{ token: string }>> {
  try {
    const { viewer, access } = await teamAction(formString(formData, "team", 64), canInvite);
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
    const { viewer, access } = await teamAction(formString(formData, "team", 64), canInvite);
    await revokeInvite(access.teamId, viewer.id, formString(formData, "inviteId", 64));
    return { ok: true };
  } catch (error) {
    return failure(error);
  }
}

/** Admins change roles; the change signs the member out so their next request sees the new role. */
export async function changeMemberRoleAction(_prev: FormState, formData: FormData): Promise<FormState> {
  try {
    const { viewer, access } = await teamAction(formString(formData, "team", 64), canManageMembers);
    const role = parseTeamRole(formString(formData, "role", 20));
    await changeMemberRole(access.teamId, viewer.id, formString(formData, "userId", 64), role);
    return { ok: true };
  } catch (error) {
    return failure(error);
  }
}

export async function removeMemberAction(_prev: FormState, formData: FormData): Promise<FormState> {
  try {
    const { viewer, access } = await teamAction(formString(formData, "team", 64), canManageMembers);
    await removeMember(access.teamId, viewer.id, formString(formData, "userId", 64));
    return { ok: true };
  } catch (error) {
    return failure(error);
  }
}

/** Admins make a one-time password reset link for a member of their team (lib/auth/password-reset.ts). */
export async function createResetLinkAction(_prev: FormState<{ token: string }>, formData: FormData): Promise<FormState<{ token: string }>> {
  try {
    const { viewer, access } = await teamAction(formString(formData, "team", 64), canManageMembers);
    const token = await createResetLink(access.teamId, viewer.id, formString(formData, "userId", 64));
    return { ok: true, data: { token } };
  } catch (error) {
    return failure(error);
  }
}
