"use server";
// "Explore the demo workspace" on an empty dashboard, and "delete all demo data" inside it.
// Each action checks the session (and for deletion, that the viewer manages the demo team) itself.
import { redirect } from "next/navigation";
import { recordAudit } from "@/lib/audit/record";
import { requireViewer } from "@/lib/auth/session";
import { prisma } from "@/lib/db/client";
import { Forbidden } from "@/lib/errors";
import { failure, formString, type FormState } from "@/lib/forms";
import { findTeamAccess, hasTeamRole, listUserTeams } from "@/lib/teams/access";
import { SLUG_PATTERN } from "@/lib/teams/slug";
import { deleteDemo, seedDemo } from "./seed";

/** Creates the viewer's own demo team (or reuses theirs), with them as its manager, and opens its dashboard. */
export async function exploreDemoAction(_prev: FormState, _formData: FormData): Promise<FormState> {
  let slug: string;
  try {
    const viewer = await requireViewer();
    const result = await seedDemo(prisma, { ownerUserId: viewer.id });
    await recordAudit({ action: "demo.explore", teamId: result.teamId, actorId: viewer.id, detail: { reused: result.reused, activities: result.activities } });
    slug = result.slug;
  } catch (error) {
    return failure(error);
  }
  redirect(`/t/${slug}/dashboard`);
}

/** Deletes the demo team the request names, with its entries; only a manager of that demo team may. */
export async function deleteDemoAction(_prev: FormState, formData: FormData): Promise<FormState> {
  let next = "/";
  try {
    const viewer = await requireViewer();
    const slug = formData instanceof FormData ? formString(formData, "team", 64) : "";
    const access = SLUG_PATTERN.test(slug) ? await findTeamAccess(viewer.id, slug) : null;
    if (!access || !hasTeamRole(access, "manager")) throw new Forbidden("dashboard.errors.demoForbidden");
    const team = await prisma.team.findUnique({ where: { id: access.teamId }, select: { isDemo: true } });
    if (!team?.isDemo) throw new Forbidden("dashboard.errors.demoForbidden");
    const deleted = await deleteDemo(prisma, access.teamId);
    await recordAudit({ action: "demo.delete", actorId: viewer.id, detail: deleted });
    const teams = await listUserTeams(viewer.id);
    if (teams[0]) next = `/t/${teams[0].slug}/dashboard`;
  } catch (error) {
    return failure(error);
  }
  redirect(next);
}
