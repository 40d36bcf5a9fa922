import { NextResponse } from "next/server";
import { deleteActivity, updateActivity } from "@/lib/activities/mutations";
import { getActivity } from "@/lib/activities/queries";
import { apiHandler, readJsonBody } from "@/lib/http/api";
import { commentsOnEntries } from "@/lib/comments/queries";
import { activityPatch } from "@/lib/contracts/api";
import { parseInput } from "@/lib/contracts/parse";

export const dynamic = "force-dynamic";

type Params = { id: string };

/** The entry and its managers' comments: whoever may see the entry (its author, managers) may read them. */
export const GET = apiHandler<Params>(async ({ team }, { id }) => {
  const access = await team();
  const activity = await getActivity(access, id);
  const comments = (await commentsOnEntries(access.teamId, [activity.id]))[activity.id] ?? [];
  return NextResponse.json({ activity, comments });
});

export const PATCH = apiHandler<Params>(async ({ request, team }, { id }) => {
  const access = await team();
  const patch = parseInput(activityPatch, await readJsonBody(request));
  const activity = await updateActivity(access, id, patch);
  return NextResponse.json({ activity });
});

export const DELETE = apiHandler<Params>(async ({ team }, { id }) => {
  await deleteActivity(await team(), id);
  return new NextResponse(null, { status: 204 });
});
