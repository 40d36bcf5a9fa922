import "server-only";
// Each team's tagging model: the shared base model plus the team's learned examples (kept in PostgreSQL).
// Processes cache models in memory and rebuild when the team's modelVersion in the database moves,
// so several app instances behind a load balancer agree without sharing memory.
import { prisma } from "@/lib/db/client";
import { buildTeamModel, type LabelledExample, type TaggingModel } from "@/lib/tagging";

interface CachedModel {
  version: number;
  model: TaggingModel;
}

const cache = new Map<string, CachedModel>();
const CACHE_MAX_TEAMS = 200;

export interface TeamTagging {
  model: TaggingModel;
  reviewThreshold: number;
}

export async function loadTeamExamples(teamId: string): Promise<LabelledExample[]> {
  return prisma.trainingExample.findMany({
    where: { teamId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { text: true, role: true, stage: true },
  });
}

export async function getTeamTagging(teamId: string): Promise<TeamTagging> {
  const team = await prisma.team.findUniqueOrThrow({ where: { id: teamId }, select: { modelVersion: true, reviewThreshold: true } });
  const cached = cache.get(teamId);
  if (cached && cached.version === team.modelVersion) return { model: cached.model, reviewThreshold: team.reviewThreshold };
  const model = buildTeamModel(await loadTeamExamples(teamId));
  if (cache.size >= CACHE_MAX_TEAMS) cache.delete(cache.keys().next().value!);
  cache.set(teamId, { version: team.modelVersion, model });
  return { model, reviewThreshold: team.reviewThreshold };
}

/**
 * After this process stored a new training example and moved the version from `fromVersion` to
 * `toVersion`, teach the cached model incrementally instead of rebuilding it.
 */
export function learnInCache(teamId: string, fromVersion: number, toVersion: number, example: LabelledExample): void {
  const cached = cache.get(teamId);
  if (!cached || cached.version !== fromVersion) return;
  cached.model.learn(example);
  cached.version = toVersion;
}

export function forgetTeamModel(teamId: string): void {
  cache.delete(teamId);
}
