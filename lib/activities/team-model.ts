import "server-only";
// Each team's tagging model: the shared base model plus the team's accepted learned examples (kept in PostgreSQL).
// Processes cache models in memory and rebuild when the team's modelVersion in the database moves, so several
// app instances behind a load balancer agree without sharing memory. A rebuild never runs on a request's path:
// while it runs (in small slices that yield to the event loop) requests keep the previous model.
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { prisma } from "@/lib/db/client";
import { getBaseModel, type LabelledExample, type TaggingModel, type TagResult } from "@/lib/tagging";

interface CachedModel {
  version: number;
  model: TaggingModel;
}

const cache = new Map<string, CachedModel>();
/** Rebuilds under way, per team, with the version they will be tagged with. */
const building = new Map<string, { version: number; done: Promise<CachedModel> }>();
const CACHE_MAX_TEAMS = 200;
/** Examples taught between two yields to the event loop (a slice stays a few milliseconds). */
const SLICE = 64;

export interface TeamTagging {
  /** Tags one entry with the team's model and review threshold. */
  classify(text: string): TagResult;
  reviewThreshold: number;
  /** True while a newer model is being built and the previous one answers. */
  stale: boolean;
}

function examplesQuery(teamId: string) {
  return prisma.trainingExample.findMany({
    where: { teamId, pending: false },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { text: true, role: true, stage: true },
  });
}

export async function loadTeamExamples(teamId: string): Promise<LabelledExample[]> {
  return examplesQuery(teamId);
}

/** The accepted examples and the version they make up, read in one snapshot (so a cache is never ahead of or behind its label). */
async function loadSnapshot(teamId: string): Promise<{ version: number; examples: LabelledExample[] }> {
  const [examples, team] = await prisma.$transaction(
    [examplesQuery(teamId), prisma.team.findUniqueOrThrow({ where: { id: teamId }, select: { modelVersion: true } })],
    { isolationLevel: "RepeatableRead" },
  );
  return { version: team.modelVersion, examples };
}

/** The base model taught these examples in order, yielding to the event loop between slices. */
export async function buildTeamModelInSlices(examples: readonly LabelledExample[]): Promise<TaggingModel> {
  const model = getBaseModel().fork();
  for (let start = 0; start < examples.length; start += SLICE) {
    const end = Math.min(examples.length, start + SLICE);
    for (let i = start; i < end; i++) model.learn(examples[i]!);
    if (end < examples.length) await yieldToEventLoop();
  }
  return model;
}

function remember(teamId: string, entry: CachedModel): void {
  const current = cache.get(teamId);
  if (current && current.version > entry.version) return;
  if (!current && cache.size >= CACHE_MAX_TEAMS) cache.delete(cache.keys().next().value!);
  cache.set(teamId, entry);
}

/** Starts (or joins) a rebuild of the team's model at `version`; the cache takes it when it is ready. */
function rebuild(teamId: string, version: number): Promise<CachedModel> {
  const running = building.get(teamId);
  if (running && running.version >= version) return running.done;
  const done = (async () => {
    const snapshot = await loadSnapshot(teamId);
    const entry = { version: snapshot.version, model: await buildTeamModelInSlices(snapshot.examples) };
    remember(teamId, entry);
    return entry;
  })();
  building.set(teamId, { version, done });
  void done
    .catch((error: unknown) => console.error(`team model rebuild failed for ${teamId}:`, error))
    .finally(() => {
      if (building.get(teamId)?.done === done) building.delete(teamId);
    });
  return done;
}

/** While a stale model answers, a team example it shows as "nearest" may have been deleted or edited since: hide it. */
function withoutTeamNearest(tag: TagResult): TagResult {
  if (tag.explanation.nearest?.source !== "team") return tag;
  const { nearest: _hidden, ...explanation } = tag.explanation;
  return { ...tag, explanation };
}

/** `known`: the team's version and threshold when the caller read them moments ago (with its access check). */
export async function getTeamTagging(teamId: string, known?: { modelVersion: number; reviewThreshold: number }): Promise<TeamTagging> {
  const team = known ?? (await prisma.team.findUniqueOrThrow({ where: { id: teamId }, select: { modelVersion: true, reviewThreshold: true } }));
  const { reviewThreshold } = team;
  let cached = cache.get(teamId);
  let stale = false;
  if (!cached) {
    // First use in this process: nothing older to answer with, so wait (the build still yields to other requests).
    cached = await rebuild(teamId, team.modelVersion);
  } else if (cached.version < team.modelVersion) {
    void rebuild(teamId, team.modelVersion).catch(() => undefined);
    stale = true;
  }
  const model = cached.model;
  return {
    reviewThreshold,
    stale,
    classify: (text) => {
      const tag = model.classify(text, { reviewThreshold });
      return stale ? withoutTeamNearest(tag) : tag;
    },
  };
}

/**
 * After this process stored accepted examples and moved the version from `fromVersion` to `toVersion`, teach the
 * cached model incrementally instead of rebuilding it. A cache that is not at `fromVersion` is left to its rebuild.
 */
export function learnInCache(teamId: string, fromVersion: number, toVersion: number, examples: readonly LabelledExample[]): void {
  const cached = cache.get(teamId);
  if (!cached || cached.version !== fromVersion) return;
  for (const example of examples) cached.model.learn(example);
  cached.version = toVersion;
}

/** The team's learned examples changed in a way that cannot be taught incrementally (replaced or removed): rebuild in the background. */
export function rebuildInBackground(teamId: string, version: number): void {
  if (!cache.has(teamId)) return; // nothing cached here: the next request builds it
  void rebuild(teamId, version).catch(() => undefined);
}

/** Waits for any rebuild under way (tests and benchmarks). */
export async function settleTeamModel(teamId: string): Promise<void> {
  await building.get(teamId)?.done.catch(() => undefined);
}

export function forgetTeamModel(teamId: string): void {
  cache.delete(teamId);
}
