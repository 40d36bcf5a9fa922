"use server";
// "Explore the demo workspace" on an empty dashboard, and "delete all demo data" inside it.
// Each action checks the session (and for deletion, that the viewer manages the demo team) itself.
import { redirect } from "next/navigation";
import { viewerAction } from "@/lib/teams/context";
import { failure, formString, type FormState } from "@/lib/forms";
import { listUserTeams } from "@/lib/teams/access";
import { deleteDemoFor, exploreDemo } from "./explore";

/** Creates the viewer's own demo team (or reuses theirs), with them as its manager, and opens its dashboard. */
export async function exploreDemoAction(_prev: FormState, _formData: FormData): Promise<FormState> {
  let slug: string;
  try {
    const viewer = await viewerAction();
    slug = (await exploreDemo(viewer.id)).slug;
  } catch (error) {
    return failure(error);
  }
  redirect(`/t/${slug}/dashboard`);
}

/** Deletes the demo team the request names, with its entries; only a manager of that demo team may. */
export async function deleteDemoAction(_prev: FormState, formData: FormData): Promise<FormState> {
  let next = "/";
  try {
    const viewer = await viewerAction();
    await deleteDemoFor(viewer.id, formData instanceof FormData ? formString(formData, "team", 64) : "");
    const teams = await listUserTeams(viewer.id);
    if (teams[0]) next = `/t/${teams[0].slug}/dashboard`;
  } catch (error) {
    return failure(error);
  }
  redirect(next);
}
