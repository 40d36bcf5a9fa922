import "server-only";
// The team's target mix: a share per role and/or per stage (each dimension sums to 1, or has no target at all).
import { prisma } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { Forbidden, Invalid } from "@/lib/errors";
import type { TeamAccess } from "@/lib/teams/access";
import type { Dimension } from "./filters";
import { keysOf, sharesFromPercents, type TargetMix } from "./mix";
import { canSetTargets } from "./permissions";

export async function getTargetMix(teamId: string): Promise<TargetMix> {
  const rows = await prisma.targetMix.findMany({ where: { teamId }, select: { dimension: true, key: true, share: true } });
  const mix: TargetMix = { role: null, stage: null };
  for (const row of rows) {
    if (row.dimension !== "role" && row.dimension !== "stage") continue;
    if (!(keysOf(row.dimension) as readonly string[]).includes(row.key)) continue;
    (mix[row.dimension] ??= {})[row.key] = row.share;
  }
  return mix;
}

/**
 * Replaces the team's targets for one dimension from percentages (0–100, summing to 100). All blank or all zero
 * clears the dimension's targets.
 */
export async function setTargetMix(access: TeamAccess, dimension: Dimension, percents: Partial<Record<string, number>> | null): Promise<void> {
  if (!canSetTargets(access)) throw new Forbidden();
  const clearing = percents === null || keysOf(dimension).every((key) => !percents[key]);
  let shares: Record<string, number> | null = null;
  if (!clearing) {
    const result = sharesFromPercents(percents!, dimension);
    if ("error" in result) {
      if (result.error === "sum") throw new Invalid("dashboard.errors.targetSum", { sum: result.sum });
      throw new Invalid("dashboard.errors.targetRange");
    }
    shares = result;
  }
  await prisma.$transaction(async (tx) => {
    await tx.targetMix.deleteMany({ where: { teamId: access.teamId, dimension } });
    if (shares) {
      await tx.targetMix.createMany({
        data: Object.entries(shares).map(([key, share]) => ({ teamId: access.teamId, dimension, key, share })),
      });
    }
  });
  await recordAudit({ action: "targets.set", teamId: access.teamId, actorId: access.userId, targetType: "targetMix", targetId: dimension, detail: shares ?? {} });
}
