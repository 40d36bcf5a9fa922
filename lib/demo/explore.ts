import "server-only";
// A person explores the demo workspace (their own demo team) or deletes it. Building one tags and writes about two
// thousand entries (seconds of CPU), so both count against one per-person limit kept in the database: every app
// instance shares the count, and a loop of explore/delete cannot hold the server.
import { recordAudit } from "@/lib/audit/record";
import { hitRateLimit, type Limit } from "@/lib/auth/rate-limit";
import { prisma } from "@/lib/db/client";
import { Forbidden } from "@/lib/errors";
import { findTeamAccess, hasTeamRole } from "@/lib/teams/access";
import { SLUG_PATTERN } from "@/lib/teams/slug";
import { deleteDemo, seedDemo, type SeedDemoOptions } from "./seed";

export const DEMO_LIMIT: Limit = { max: 10, windowSeconds: 3600 };

/** Creates the person's own demo team (or reuses theirs), with them as its manager. */
export async function exploreDemo(userId: string, options: Omit<SeedDemoOptions, "ownerUserId"> = {}) {
  await hitRateLimit(`demo:user:${userId}`, DEMO_LIMIT);
  const result = await seedDemo(prisma, { ...options, ownerUserId: userId });
  await recordAudit({ action: "demo.explore", teamId: result.teamId, actorId: userId, detail: { reused: result.reused, activities: result.activities } });
  return result;
}

/** Deletes the demo team the person names; only a manager of that demo team may. */
export async function deleteDemoFor(userId: string, slug: string) {
  await hitRateLimit(`demo:user:${userId}`, DEMO_LIMIT);
  const access = SLUG_PATTERN.test(slug) ? await findTeamAccess(userId, slug) : null;
  if (!access || !hasTeamRole(access, "manager")) throw new Forbidden("dashboard.errors.demoForbidden");
  const team = await prisma.team.findUnique({ where: { id: access.teamId }, select: { isDemo: true } });
  if (!team?.isDemo) throw new Forbidden("dashboard.errors.demoForbidden");
  const deleted = await deleteDemo(prisma, access.teamId);
  await recordAudit({ action: "demo.delete", actorId: userId, detail: deleted });
  return deleted;
}
