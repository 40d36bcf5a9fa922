import "server-only";
// The first-day tour: offered to people who joined a team that already had entries (a founder, or someone joining an
// empty team, has no team examples to learn from yet), until they finish or skip it (Membership.tourCompletedAt).
import { prisma } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import type { TeamAccess } from "@/lib/teams/access";

/** Whether this member of this team still gets the tour offer. */
export async function tourPending(teamId: string, userId: string): Promise<boolean> {
  const membership = await prisma.membership.findUnique({ where: { teamId_userId: { teamId, userId } }, select: { tourCompletedAt: true, createdAt: true } });
  if (membership === null || membership.tourCompletedAt !== null) return false;
  const earlier = await prisma.activity.findFirst({
    where: { teamId, deletedAt: null, authorId: { not: userId }, createdAt: { lt: membership.createdAt } },
    select: { id: true },
  });
  return earlier !== null;
}

/** Marks the tour done for the viewer. Skipping counts as done (it is only an offer); the audit trail tells them apart. */
export async function completeTourFor(access: TeamAccess, outcome: "completed" | "skipped"): Promise<void> {
  const { count } = await prisma.membership.updateMany({
    where: { teamId: access.teamId, userId: access.userId, tourCompletedAt: null },
    data: { tourCompletedAt: new Date() },
  });
  if (count > 0) {
    await recordAudit({ action: `onboarding.tour.${outcome}`, teamId: access.teamId, actorId: access.userId, targetType: "user", targetId: access.userId });
  }
}
