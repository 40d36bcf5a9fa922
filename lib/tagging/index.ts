// Public face of the tagging engine: taxonomy data, the memoized base model and team models.
import { type BuildOptions, buildBaseModel, DEFAULT_BUILD, type TrainingExample } from "./base-model";
import type { TrainOptions } from "./linear";
import { EXAMPLE_BANK } from "./examples";
import { dataDirectory, dataTrainingExamples, trainingFileSet } from "./examples/data-files";
import { Model } from "./model";
import { cachedBaseModel } from "./model-cache";
import { TAXONOMY, TAXONOMY_VERSION } from "./taxonomy";
import type { LabelledExample, TaggingModel } from "./types";

export * from "./types";
export {
  TAXONOMY, TAXONOMY_VERSION, SEED_EXAMPLES, ROLES, STAGES, ROLE_NEIGHBOURS, STAGE_NEIGHBOURS, roleName, stageName,
} from "./taxonomy";
export type { Neighbour, RoleDefinition, SeedExample, StageDefinition } from "./taxonomy";
export { DEFAULT_REVIEW_THRESHOLD } from "./model";

/**
 * Everything the base model is trained on: the taxonomy's canonical examples, the example bank and the training
 * lines under lib/tagging/data/ (never its holdout.jsonl files).
 */
export function baseTrainingExamples(): TrainingExample[] {
  return [...codeExamples(), ...dataTrainingExamples()];
}

/** The training examples written in code (the taxonomy's canonical examples, the bank); the data files' lines follow. */
function codeExamples(): TrainingExample[] {
  return [...TAXONOMY.canonicalExamples, ...EXAMPLE_BANK];
}

let baseModel: TaggingModel | null = null;

/**
 * The shared base model, once per process: read from the on-disk cache (model-cache.ts, a few ms) when it was built
 * from the same data and code before, else built (1.5–4 s) and cached. Fork it per team; it does not learn itself.
 */
export function getBaseModel(): TaggingModel {
  if (baseModel === null) {
    // baseTrainingExamples(), with the data files parsed only if the model has to be built.
    const training = { examples: codeExamples(), files: trainingFileSet(dataDirectory()) };
    const { model } = cachedBaseModel(training, { ...DEFAULT_BUILD, taxonomyVersion: TAXONOMY_VERSION });
    baseModel = new Model(model, undefined, true);
  }
  return baseModel;
}

/** Build options over DEFAULT_BUILD; `train` over DEFAULT_BUILD.train, so `{ train: { seed: 2 } }` changes the seed alone. */
export type BuildOverrides = Partial<Omit<BuildOptions, "taxonomyVersion" | "train">> & { train?: Partial<TrainOptions> };

/**
 * `value` (parsed from a command line's JSON) as build overrides, or an Error naming what is wrong: a key DEFAULT_BUILD
 * (or its train options) does not have, or a value of another type than the default's. A misspelt option would
 * otherwise build the default and measure nothing.
 */
export function checkBuildOverrides(value: unknown): BuildOverrides {
  const check = (v: unknown, defaults: object, where: string) => {
    if (v === null || typeof v !== "object" || Array.isArray(v)) throw new Error(`${where || "build options"}: not a JSON object`);
    for (const [key, given] of Object.entries(v)) {
      const name = where ? `${where}.${key}` : key;
      if (!Object.hasOwn(defaults, key)) {
        throw new Error(`unknown build option ${name} (known: ${Object.keys(defaults).map((k) => (where ? `${where}.${k}` : k)).join(", ")})`);
      }
      const expected = typeof (defaults as Record<string, unknown>)[key];
      if (expected === "object") check(given, (defaults as Record<string, object>)[key], name);
      else if (typeof given !== expected || (expected === "number" && !Number.isFinite(given))) {
        throw new Error(`build option ${name} must be a ${expected === "number" ? "finite number" : expected} (got ${JSON.stringify(given)})`);
      }
    }
  };
  check(value, DEFAULT_BUILD, "");
  return value as BuildOverrides;
}

/** A model trained on the given examples instead of the bank (evaluation and tests). */
export function buildModel(
  examples: readonly TrainingExample[],
  opts: { frozen?: boolean; build?: BuildOverrides } = {},
): TaggingModel {
  const train = { ...DEFAULT_BUILD.train, ...opts.build?.train };
  const base = buildBaseModel(examples, { ...DEFAULT_BUILD, ...opts.build, train, taxonomyVersion: TAXONOMY_VERSION });
  return new Model(base, undefined, opts.frozen ?? false);
}

/**
 * A team's model: the base plus its learned examples, applied in order (the same model as learning them one by one).
 * Also the way to forget: rebuild from the examples that remain (see forgetLearned). About 0.1 ms per example
 * (bench/RESULTS.md: 10,000 examples); run it off the request path and swap the model in when done.
 */
export function buildTeamModel(learned: readonly LabelledExample[]): TaggingModel {
  const model = getBaseModel().fork();
  for (const example of learned) model.learn(example);
  return model;
}

/**
 * The team model without the learned examples `forget` picks (an entry edited or deleted after it taught the team):
 * rebuilt from the remaining examples, in their order, so a forgotten example no longer influences any tag.
 */
export function forgetLearned(
  model: TaggingModel, forget: (example: LabelledExample, index: number) => boolean,
): TaggingModel {
  return buildTeamModel(model.learnedExamples().filter((e, i) => !forget(e, i)));
}
