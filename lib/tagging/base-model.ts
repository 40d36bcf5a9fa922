// Builds the shared base model from the taxonomy (cues, canonical examples) and an example bank:
// vocabulary, two logistic-regression heads, the role→stage prior, calibrated temperatures and the example index.
import { cueKeys, FeatureBuffer, featurize, type FeatureSpace, RESERVED_FEATURES } from "./featurizer";
import { TokenBuffer } from "./features";
import { fitTemperature, type LinearHead, scoreInto, type SparseDoc, trainSoftmax, type TrainOptions } from "./linear";
import { ExampleIndex } from "./similarity";
import { ROLES, STAGES } from "./taxonomy";
import { type LabelledExample, ROLE_KEYS, STAGE_KEYS } from "./types";
import { Vocabulary } from "./vocabulary";

export interface BaseModel {
  taxonomyVersion: string;
  space: FeatureSpace;
  /** Number of base features (ids below this are base features). */
  features: number;
  role: LinearHead;
  stage: LinearHead;
  /** Weights minus their row mean: a feature's pull towards each class, for explanations. */
  roleCentered: Float32Array;
  stageCentered: Float32Array;
  /** log P(stage | role), role-major, learned from the training examples. */
  logStageGivenRole: Float64Array;
  /** Weight of the role→stage prior in the stage logits. */
  priorWeight: number;
  roleTemperature: number;
  stageTemperature: number;
  /** Class frequencies, for empty input. */
  rolePrior: Float64Array;
  stagePrior: Float64Array;
  examples: readonly LabelledExample[];
  index: ExampleIndex;
}

export interface BuildOptions {
  taxonomyVersion: string;
  train: TrainOptions;
  cueWeight: number;
  priorWeight: number;
  /** Temperatures are fitted on held-out predictions: every K-th example is held out (0 keeps temperature 1)... */
  calibrationFolds: number;
  /** ...in this many of the K folds (1 is a single held-out split: one extra training, most of the benefit). */
  calibrationRounds: number;
}

export const DEFAULT_BUILD: Omit<BuildOptions, "taxonomyVersion"> = {
  train: { epochs: 10, learningRate: 0.5, l2: 1e-5, seed: 20240601 },
  cueWeight: 0.5,
  priorWeight: 0.5,
  calibrationFolds: 5,
  calibrationRounds: 1,
};

interface Prepared {
  examples: SparseDoc[][]; // [role docs, stage docs] per example, same order as the examples
  roleCueDocs: SparseDoc[];
  stageCueDocs: SparseDoc[];
}

export function buildBaseModel(trainingExamples: readonly LabelledExample[], options: BuildOptions): BaseModel {
  const examples = trainingExamples.filter((e) => e.text.trim().length > 0);
  const { space, features, buffer } = buildFeatureSpace(examples);
  const prepared = prepare(examples, space, buffer, options.cueWeight);
  const all = examples.map((_, i) => i);
  const { role, stage } = trainHeads(prepared, all, features, options.train);
  const logStageGivenRole = stagePriorFrom(examples, all);
  const model: BaseModel = {
    taxonomyVersion: options.taxonomyVersion,
    space, features, role, stage, logStageGivenRole,
    roleCentered: centered(role),
    stageCentered: centered(stage),
    priorWeight: options.priorWeight,
    roleTemperature: 1,
    stageTemperature: 1,
    rolePrior: classFrequencies(examples.map((e) => ROLE_KEYS.indexOf(e.role)), ROLE_KEYS.length),
    stagePrior: classFrequencies(examples.map((e) => STAGE_KEYS.indexOf(e.stage)), STAGE_KEYS.length),
    examples,
    index: ExampleIndex.build(prepared.examples.map((d) => d[0]), features),
  };
  if (options.calibrationFolds > 1 && examples.length >= options.calibrationFolds * 4) {
    const t = calibrate(examples, prepared, features, options);
    model.roleTemperature = t.role;
    model.stageTemperature = t.stage;
  }
  return model;
}

function centered(head: LinearHead): Float32Array {
  const C = head.classes;
  const out = new Float32Array(head.weights.length);
  for (let k = 0; k < out.length; k += C) {
    let mean = 0;
    for (let c = 0; c < C; c++) mean += head.weights[k + c];
    mean /= C;
    for (let c = 0; c < C; c++) out[k + c] = head.weights[k + c] - mean;
  }
  return out;
}

function buildFeatureSpace(examples: readonly LabelledExample[]) {
  const vocab = new Vocabulary(1 << 14);
  let next = RESERVED_FEATURES;
  const cueRoles = new Map<number, number>();
  const cueStages = new Map<number, number>();
  const tokens = new TokenBuffer();
  let maxN = 4;
  const addCue = (cue: string, bit: number, masks: Map<number, number>) => {
    const keys = cueKeys(cue, tokens);
    if (!keys) return;
    let id = -1;
    for (const key of keys) {
      id = vocab.put(key.a, key.b, next);
      if (id === next) next++;
    }
    masks.set(id, (masks.get(id) ?? 0) | bit);
    maxN = Math.max(maxN, keys.length);
  };
  ROLES.forEach((r, k) => [...r.cues.zh, ...r.cues.en].forEach((c) => addCue(c, 1 << k, cueRoles)));
  STAGES.forEach((s, k) => [...s.cues.zh, ...s.cues.en].forEach((c) => addCue(c, 1 << k, cueStages)));
  // Pass 1: add the training n-grams (lexicon masks are not needed yet).
  let bound = next + 16;
  for (const e of examples) bound += e.text.length * 4 + 8;
  const scratch: FeatureSpace = {
    base: vocab, extra: null, cueRoleMask: new Uint8Array(0), cueStageMask: new Uint8Array(0), maxN,
    stamp: new Int32Array(bound), epoch: 0,
  };
  const buffer = new FeatureBuffer();
  const adder = (a: number, b: number) => {
    const id = vocab.put(a, b, next);
    if (id === next) next++;
    return id;
  };
  for (const e of examples) featurize(e.text, scratch, buffer, adder);
  const features = next;
  const cueRoleMask = new Uint8Array(features);
  const cueStageMask = new Uint8Array(features);
  for (const [id, m] of cueRoles) cueRoleMask[id] = m;
  for (const [id, m] of cueStages) cueStageMask[id] = m;
  const space: FeatureSpace = {
    base: vocab, extra: null, cueRoleMask, cueStageMask, maxN, stamp: new Int32Array(features), epoch: 0,
  };
  return { space, features, buffer };
}

function toDoc(buffer: FeatureBuffer, label: number, weight: number): SparseDoc {
  return {
    ids: buffer.ids.slice(0, buffer.count),
    values: buffer.values.slice(0, buffer.count),
    label,
    weight,
  };
}

function prepare(examples: readonly LabelledExample[], space: FeatureSpace, buffer: FeatureBuffer, cueWeight: number): Prepared {
  const docs = examples.map((e) => {
    featurize(e.text, space, buffer);
    const role = toDoc(buffer, ROLE_KEYS.indexOf(e.role), 1);
    return [role, { ...role, label: STAGE_KEYS.indexOf(e.stage) }];
  });
  const cueDocs = (defs: readonly { cues: { zh: readonly string[]; en: readonly string[] } }[]) =>
    defs.flatMap((d, k) =>
      [...d.cues.zh, ...d.cues.en].map((cue) => {
        featurize(cue, space, buffer);
        return toDoc(buffer, k, cueWeight);
      }),
    );
  return { examples: docs, roleCueDocs: cueDocs(ROLES), stageCueDocs: cueDocs(STAGES) };
}

function trainHeads(prepared: Prepared, subset: number[], features: number, train: TrainOptions) {
  const roleDocs = [...subset.map((i) => prepared.examples[i][0]), ...prepared.roleCueDocs];
  const stageDocs = [...subset.map((i) => prepared.examples[i][1]), ...prepared.stageCueDocs];
  return {
    role: trainSoftmax(roleDocs, features, ROLE_KEYS.length, train),
    stage: trainSoftmax(stageDocs, features, STAGE_KEYS.length, { ...train, seed: train.seed + 1 }),
  };
}

function stagePriorFrom(examples: readonly LabelledExample[], subset: number[]): Float64Array {
  const R = ROLE_KEYS.length;
  const S = STAGE_KEYS.length;
  const counts = new Float64Array(R * S).fill(0.5);
  for (const i of subset) counts[ROLE_KEYS.indexOf(examples[i].role) * S + STAGE_KEYS.indexOf(examples[i].stage)] += 1;
  const out = new Float64Array(R * S);
  for (let r = 0; r < R; r++) {
    let total = 0;
    for (let s = 0; s < S; s++) total += counts[r * S + s];
    for (let s = 0; s < S; s++) out[r * S + s] = Math.log(counts[r * S + s] / total);
  }
  return out;
}

function classFrequencies(labels: number[], C: number): Float64Array {
  const out = new Float64Array(C).fill(1);
  for (const l of labels) out[l] += 1;
  const total = out.reduce((a, b) => a + b, 0);
  return out.map((v) => v / total);
}

/** Mixes the role distribution into the stage logits: stage += w · log Σ_r p(r) P(s|r). */
export function addStagePrior(stage: Float64Array, roleProbs: Float64Array, logStageGivenRole: Float64Array, weight: number) {
  const R = roleProbs.length;
  const S = stage.length;
  for (let s = 0; s < S; s++) {
    let mix = 0;
    for (let r = 0; r < R; r++) mix += roleProbs[r] * Math.exp(logStageGivenRole[r * S + s]);
    stage[s] += weight * Math.log(mix);
  }
}

/** Train without a fold, collect its held-out logits, fit one temperature per head. */
function calibrate(examples: readonly LabelledExample[], prepared: Prepared, features: number, options: BuildOptions) {
  const K = options.calibrationFolds;
  const roleLogits: Float64Array[] = [];
  const stageLogits: Float64Array[] = [];
  const roleLabels: number[] = [];
  const stageLabels: number[] = [];
  for (let fold = 0; fold < Math.min(K, options.calibrationRounds); fold++) {
    const trainIdx = examples.map((_, i) => i).filter((i) => i % K !== fold);
    const heads = trainHeads(prepared, trainIdx, features, options.train);
    const prior = stagePriorFrom(examples, trainIdx);
    for (let i = fold; i < examples.length; i += K) {
      const doc = prepared.examples[i][0];
      const r = new Float64Array(ROLE_KEYS.length);
      scoreInto(heads.role, doc.ids, doc.values, doc.ids.length, r);
      const s = new Float64Array(STAGE_KEYS.length);
      scoreInto(heads.stage, doc.ids, doc.values, doc.ids.length, s);
      const p = r.slice();
      let max = -Infinity;
      for (const v of p) max = Math.max(max, v);
      let sum = 0;
      for (let c = 0; c < p.length; c++) sum += p[c] = Math.exp(p[c] - max);
      for (let c = 0; c < p.length; c++) p[c] /= sum;
      addStagePrior(s, p, prior, options.priorWeight);
      roleLogits.push(r);
      stageLogits.push(s);
      roleLabels.push(doc.label);
      stageLabels.push(prepared.examples[i][1].label);
    }
  }
  return {
    role: fitTemperature(roleLogits, roleLabels, ROLE_KEYS.length),
    stage: fitTemperature(stageLogits, stageLabels, STAGE_KEYS.length),
  };
}
