import "server-only";
// The first-day tour: offered until the member finishes or skips it (Membership.tourCompletedAt).
import { prisma } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import type { TeamAccess } from "@/lib/teams/access";

/** Whether this member of this team still gets the tour offer. */
export async function tourPending(teamId: string, userId: string): Promise<boolean> {
  const membership = await prisma.membership.findUnique({ where: { teamId_userId: { teamId, userId } }, select: { tourCompletedAt: true } });
  return membership !== null && membership.tourCompletedAt === null;
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
