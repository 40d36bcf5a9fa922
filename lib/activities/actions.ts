"use server";
// Server actions behind "My day", "My week" and "Team entries". Each checks the session and team access itself.
import { activityPatch } from "@/lib/contracts/api";
import { parseInput } from "@/lib/contracts/parse";
import { failure, type FormState } from "@/lib/forms";
import { teamAction } from "@/lib/teams/context";
import { canReviewEntries } from "@/lib/teams/permissions";
import { Forbidden, Invalid } from "@/lib/errors";
import { createActivities, deleteActivity, restoreActivity, retagActivities, updateActivity, type ActivityPatch, type NewActivityInput } from "./mutations";
import { acceptSuggestions, rejectSuggestions, setTrustMemberCorrections } from "./learning";
import type { ActivityDto } from "./serialize";

async function accessFor(teamSlug: unknown) {
  return (await teamAction(teamSlug)).access;
}

export async function createActivitiesAction(
  teamSlug: string,
  items: NewActivityInput[],
  idempotencyKey: string,
): Promise<FormState<ActivityDto[]>> {
  try {
    const access = await accessFor(teamSlug);
    if (!Array.isArray(items)) return failure(new Forbidden());
    const { activities } = await createActivities(access, items, { idempotencyKey: typeof idempotencyKey === "string" ? idempotencyKey : null });
    return { ok: true, data: activities };
  } catch (error) {
    return failure(error);
  }
}

export async function updateActivityAction(teamSlug: string, id: string, patch: ActivityPatch): Promise<FormState<ActivityDto>> {
  try {
    const access = await accessFor(teamSlug);
    // The API's contract: only these fields are read, each refusal names its field (FormState.fieldErrors).
    return { ok: true, data: await updateActivity(access, id, parseInput(activityPatch, patch)) };
  } catch (error) {
    return failure(error);
  }
}

/** Confirms or re-tags several entries at once (managers reviewing the team's entries). */
export async function bulkRetagAction(
  teamSlug: string,
  items: { id: string; version: number }[],
  tags: { role?: string; stage?: string; confirm?: boolean },
): Promise<FormState<{ updated: number; conflicts: number }>> {
  try {
    const { access } = await teamAction(teamSlug, canReviewEntries);
    if (!Array.isArray(items) || items.length > 500) throw new Forbidden();
    if (typeof tags !== "object" || tags === null || items.some((item) => typeof item !== "object" || item === null)) throw new Invalid();
    const { updated, conflicts } = await retagActivities(access, items, tags);
    return { ok: true, data: { updated, conflicts } };
  } catch (error) {
    return failure(error);
  }
}

export async function deleteActivityAction(teamSlug: string, id: string): Promise<FormState> {
  try {
    await deleteActivity(await accessFor(teamSlug), id);
    return { ok: true };
  } catch (error) {
    return failure(error);
  }
}

export async function restoreActivityAction(teamSlug: string, id: string): Promise<FormState<ActivityDto>> {
  try {
    return { ok: true, data: await restoreActivity(await accessFor(teamSlug), id) };
  } catch (error) {
    return failure(error);
  }
}

/** A manager accepts suggested corrections (one or many): they teach the team's model in one batch. */
export async function acceptSuggestionsAction(teamSlug: string, ids: string[]): Promise<FormState<{ accepted: number }>> {
  try {
    return { ok: true, data: await acceptSuggestions(await accessFor(teamSlug), ids) };
  } catch (error) {
    return failure(error);
  }
}

/** A manager rejects suggested corrections: nothing is learned and the entries go back to the model's tags. */
export async function rejectSuggestionsAction(teamSlug: string, ids: string[]): Promise<FormState<{ rejected: number }>> {
  try {
    return { ok: true, data: await rejectSuggestions(await accessFor(teamSlug), ids) };
  } catch (error) {
    return failure(error);
  }
}

/** A manager decides whether members' corrections teach at once. */
export async function setTrustCorrectionsAction(teamSlug: string, trust: boolean): Promise<FormState> {
  try {
    await setTrustMemberCorrections(await accessFor(teamSlug), trust === true);
    return { ok: true };
  } catch (error) {
    return failure(error);
  }
}
