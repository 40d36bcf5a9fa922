"use server";
// Server actions behind managers' comments (点评). Writing, editing and deleting need canComment (a member is refused,
// another team's slug or record is "not found"); marking comments seen is the member's own business.
import { failure, type FormState } from "@/lib/forms";
import { teamAction } from "@/lib/teams/context";
import { canComment } from "@/lib/teams/permissions";
import { commentOnEntry, commentOnReport, deleteComment, editComment, markCommentsSeen } from "./mutations";
import type { CommentDto } from "./queries";

/** A manager comments on an entry, optionally correcting its role and/or stage (send the entry's version then). */
export async function commentOnEntryAction(
  teamSlug: string,
  activityId: string,
  input: { text: string; role?: string; stage?: string; version?: number },
): Promise<FormState<CommentDto>> {
  try {
    const { access } = await teamAction(teamSlug, canComment);
    const { text, role, stage, version } = typeof input === "object" && input !== null ? input : ({} as Record<string, undefined>);
    return { ok: true, data: await commentOnEntry(access, { activityId, text, role, stage, version }) };
  } catch (error) {
    return failure(error);
  }
}

/** A manager comments on a member's weekly report (ISO week "YYYY-Www"). */
export async function commentOnReportAction(teamSlug: string, memberId: string, week: string, text: string): Promise<FormState<CommentDto>> {
  try {
    const { access } = await teamAction(teamSlug, canComment);
    return { ok: true, data: await commentOnReport(access, { member: memberId, week, text }) };
  } catch (error) {
    return failure(error);
  }
}

export async function editCommentAction(teamSlug: string, id: string, text: string): Promise<FormState<CommentDto>> {
  try {
    const { access } = await teamAction(teamSlug, canComment);
    return { ok: true, data: await editComment(access, id, text) };
  } catch (error) {
    return failure(error);
  }
}

export async function deleteCommentAction(teamSlug: string, id: string): Promise<FormState> {
  try {
    const { access } = await teamAction(teamSlug, canComment);
    await deleteComment(access, id);
    return { ok: true };
  } catch (error) {
    return failure(error);
  }
}

/** The member has seen these comments about them on My week (the unread marker goes). */
export async function markCommentsSeenAction(teamSlug: string, ids: string[]): Promise<FormState<{ seen: number }>> {
  try {
    const { access } = await teamAction(teamSlug);
    return { ok: true, data: await markCommentsSeen(access, ids) };
  } catch (error) {
    return failure(error);
  }
}
