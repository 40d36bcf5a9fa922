// Builds the shared base model from the taxonomy (cues, canonical examples) and an example bank:
// vocabulary, two logistic-regression heads, the role→stage prior, calibrated temperatures and the example index.
import {
  CUE_PURPOSE_SHIFT, CUE_STAGE_SHIFT, cueKeys, FeatureBuffer, featureSurface, featurize, type FeatureSpace, RESERVED_FEATURES,
} from "./featurizer";
import { KIND_CJK, KIND_NUMBER, KIND_WORD, TokenBuffer } from "./features";
import {
  fitTemperature, type LinearHead, scoreInto, softmaxInPlace, type SparseDoc, trainSoftmax, type TrainOptions,
} from "./linear";
import { ExampleIndex } from "./similarity";
import { ROLES, STAGES } from "./taxonomy";
import { COUNTERPARTS } from "./taxonomy/counterparts";
import { PURPOSES } from "./taxonomy/purposes";
import { type LabelledExample, ROLE_KEYS, STAGE_KEYS } from "./types";
import { Vocabulary } from "./vocabulary";
import { simplified } from "./zh-variants";
import {
  type ChineseWords, chineseWords, ENGLISH_FUNCTION_WORDS, FUNCTION_WORDS, HIDDEN_WORD, isWholeWords, wordRank,
} from "./zh-words";

/** Runs of Chinese characters in a feature's surface, with what is before and after each. */
const CHINESE_RUNS = /(^|.)([\u3400-\u9fff\uf900-\ufaff\u{20000}-\u{3134f}]+)(?=(.|$))/gsu;

/** Single characters that never belong in a cue with a Latin word ("App的"). */
const PARTICLES = new Set("的了和或在是与及把被给对从向到也都就还并等".split(""));

/**
 * The Chinese runs of a mixed n-gram's surface that stand apart from its other tokens (a space between): "的" in
 * "的 issue", "或" in "issue 或"; not "群" in "Q群", which is written as one word with its letter. A lone particle
 * ("的" in "App的") counts however it is written.
 */
function looseRuns(surface: string): string[] {
  const out: string[] = [];
  const apart = (c: string) => c === "" || /\s/u.test(c);
  for (const [, before, run, after] of surface.matchAll(CHINESE_RUNS)) {
    const plain = simplified(run);
    if ((apart(before) && apart(after)) || PARTICLES.has(plain)) out.push(plain);
  }
  return out;
}

/** Whether a Chinese n-gram of several words starts or ends with a function word ("根据公司", "完成活动"). */
function edgeFunctionWord(surface: string, words: ChineseWords): boolean {
  for (let n = 2; n <= 3 && n < surface.length; n++) {
    if (FUNCTION_WORDS.has(surface.slice(0, n)) && isWholeWords(surface.slice(n), words)) return true;
    if (FUNCTION_WORDS.has(surface.slice(-n)) && isWholeWords(surface.slice(0, -n), words)) return true;
  }
  return false;
}

export interface BaseModel {
  taxonomyVersion: string;
  space: FeatureSpace;
  /** Number of base features (ids below this are base features). */
  features: number;
  /**
   * Both heads' weights in one row per feature: 8 role classes then 5 stage classes (one or two cache lines per
   * feature instead of two scattered reads), and the biases in the same layout.
   */
  weights: Float32Array;
  bias: Float64Array;
  /** P(stage | role), role-major, learned from the training examples. */
  stageGivenRole: Float64Array;
  /** Weight of the role→stage prior in the stage logits. */
  priorWeight: number;
  roleTemperature: number;
  stageTemperature: number;
  /** Class frequencies, for empty input. */
  rolePrior: Float64Array;
  stagePrior: Float64Array;
  examples: readonly LabelledExample[];
  index: ExampleIndex;
  /**
   * Joint role × stage head (ROLE_KEYS × STAGE_KEYS classes, role-major), or null: its logits, times `jointWeight`,
   * are added to the product of the two heads' calibrated distributions before each is read off as a marginal.
   */
  joint: Float32Array | null;
  /** Per base feature, its row in `joint`, or -1 (features seen in too few examples have none). */
  jointRow: Int32Array | null;
  jointBias: Float64Array | null;
  jointWeight: number;
  /**
   * Neighbour vote: each of the few training examples the nearest-example lookup re-scores multiplies the probability
   * of its stage by exp(neighbourWeight · similarity) (0: none).
   */
  neighbourWeight: number;
}

/** A training example; `weight` (default 1) scales its pull in training (real operators' lines count more). */
export interface TrainingExample extends LabelledExample {
  weight?: number;
  /**
   * A rewording or translation of another training line (data/real/paraphrase.jsonl, translation.jsonl): it trains
   * the heads and counts for the vocabulary, but it is not an example of its own. It stays out of the nearest-example
   * index (explanations and the neighbour vote show only lines someone wrote), the class priors and class balance, the
   * role→stage prior and the temperature calibration, which would otherwise count one piece of work three or four
   * times.
   */
  augment?: boolean;
  /** An augment example's original line (its `of`), so that leaving a line out of a build leaves out what was made from it. */
  of?: string;
  /** Multiplies `weight` for the stage head and the joint head (default 1; 0: the line teaches its role only). */
  stageShare?: number;
}

export interface BuildOptions {
  taxonomyVersion: string;
  train: TrainOptions;
  cueWeight: number;
  priorWeight: number;
  /**
   * Naive Bayes on the same features, added to the logistic regression's weights with this factor (0: none): it
   * reads short, sparse lines better (cross-validated on the real lines, scripts/cv.ts), at no cost when tagging.
   */
  nbWeight: number;
  /** Additive smoothing of the naive Bayes counts. */
  nbAlpha: number;
  /** Training n-grams seen in fewer examples than this are left out of the vocabulary. */
  minCount: number;
  /** Temperatures are fitted on held-out predictions: every K-th example is held out (0 keeps temperature 1)... */
  calibrationFolds: number;
  /** ...in this many of the K folds (1 is a single held-out split: one extra training, most of the benefit). */
  calibrationRounds: number;
  /** Weight of the joint role × stage head (0: none). */
  jointWeight: number;
  /** Naive Bayes added to the joint head's weights with this factor. */
  jointNb: number;
  /** Features seen in fewer training examples than this have no joint weights (a smaller, cache-friendly table). */
  jointMinCount: number;
  /**
   * The purpose families (taxonomy/purposes.ts) as lexicon features, one each, read by every head: what the work is
   * for and whom it addresses, which decides the stage more than its topic.
   */
  purposes: boolean;
  /**
   * The English counterpart families (taxonomy/counterparts.ts): a pair feature for each kind of counterpart
   * (individuals, organisations, suppliers) found in an English entry together with a verb family (contact, dealing).
   */
  counterparts: boolean;
  /** Weight of the neighbour vote on the stage (0: none). */
  neighbourWeight: number;
}

export const DEFAULT_BUILD: Omit<BuildOptions, "taxonomyVersion"> = {
  // Five heads over three shuffles each, averaged, instead of one over ten: a build moved with its seed (and with any
  // change to the data, which reshuffles the order) by up to ±0.015 role macro-F1 on the 192-line real-dev set and
  // ±0.008 on dev2. Spread over 5 seeds, standard deviation 10 epochs × 1 → 3 × 5: real-dev role 0.0115 → 0.0040,
  // dev2 role 0.0047 → 0.0012; CV mean of the 5 (scripts/cv.ts) real role / stage / both 0.639 / 0.670 / 0.523 →
  // 0.644 / 0.671 / 0.528, bank 0.898 / 0.908 / 0.838 → 0.897 / 0.908 / 0.839; build 4.2 → 5.2 s; all on a44285e's
  // data (bench/RESULTS.md, "Steadier base"). On 097135f's (6,977 lines), CV mean of seeds 1–5: real 0.643 / 0.664 /
  // 0.521 → 0.646 / 0.666 / 0.522, bank 0.895 / 0.908 / 0.835 → 0.897 / 0.911 / 0.839; sd of CV real role
  // 0.0031 → 0.0015.
  train: { epochs: 3, learningRate: 0.5, l2: 1e-5, seed: 20240601, bags: 5 },
  cueWeight: 0.5,
  priorWeight: 1,
  nbWeight: 0.8,
  nbAlpha: 1,
  minCount: 2,
  calibrationFolds: 5,
  calibrationRounds: 1,
  jointWeight: 0.5,
  jointNb: 0,
  jointMinCount: 10,
  purposes: true,
  counterparts: true,
  neighbourWeight: 1,
};

interface Prepared {
  examples: SparseDoc[][]; // [role docs, stage docs] per example, same order as the examples
  roleCueDocs: SparseDoc[];
  stageCueDocs: SparseDoc[];
}

export function buildBaseModel(trainingExamples: readonly TrainingExample[], options: BuildOptions): BaseModel {
  const examples = trainingExamples.filter((e) => e.text.trim().length > 0);
  const { space, features, buffer, distinctive } = buildFeatureSpace(examples, options.minCount, options.purposes, options.counterparts);
  const all = examples.map((_, i) => i);
  const core = all.filter((i) => examples[i].augment !== true);
  const own = core.map((i) => examples[i]);
  const prepared = prepare(examples, own, space, buffer, options.cueWeight);
  const { role, stage } = trainHeads(prepared, all, features, options);
  const stageGivenRole = stagePriorFrom(examples, core);
  const model: BaseModel = {
    taxonomyVersion: options.taxonomyVersion,
    space, features, ...pack(role, stage), stageGivenRole,
    priorWeight: options.priorWeight,
    roleTemperature: 1,
    stageTemperature: 1,
    rolePrior: classFrequencies(own.map((e) => ROLE_KEYS.indexOf(e.role)), ROLE_KEYS.length),
    stagePrior: classFrequencies(own.map((e) => STAGE_KEYS.indexOf(e.stage)), STAGE_KEYS.length),
    examples: own,
    index: ExampleIndex.build(core.map((i) => prepared.examples[i][0]), distinctive, core.map((i) => prepared.examples[i][1].label)),
    joint: null,
    jointRow: null,
    jointBias: null,
    jointWeight: options.jointWeight,
    neighbourWeight: options.neighbourWeight,
  };
  if (options.jointWeight > 0) {
    const joint = trainJoint(prepared, all, features, options);
    const df = new Int32Array(features);
    for (const [doc] of prepared.examples) for (const f of doc.ids) df[f]++;
    const row = new Int32Array(features).fill(-1);
    let rows = 0;
    for (let f = 0; f < features; f++) if (f < RESERVED_FEATURES || df[f] >= options.jointMinCount) row[f] = rows++;
    const compact = new Float32Array(rows * JOINT);
    for (let f = 0; f < features; f++) {
      if (row[f] >= 0) compact.set(joint.weights.subarray(f * JOINT, (f + 1) * JOINT), row[f] * JOINT);
    }
    model.joint = compact;
    model.jointRow = row;
    model.jointBias = Float64Array.from(joint.bias);
  }
  if (options.calibrationFolds > 1 && examples.length >= options.calibrationFolds * 4) {
    const t = calibrate(examples, core, prepared, features, options);
    model.roleTemperature = t.role;
    model.stageTemperature = t.stage;
  }
  return model;
}

export const ROW = ROLE_KEYS.length + STAGE_KEYS.length;

/**
 * Multinomial naive Bayes over the same features (presence, with the training weights as counts): per feature and
 * class the log of its smoothed share of the class's feature mass, centred over each head's classes.
 */
function naiveBayes(prepared: Prepared, subset: number[], features: number, alpha: number): Float32Array {
  const R = ROLE_KEYS.length;
  const counts = new Float64Array(features * ROW);
  const totals = new Float64Array(ROW);
  for (const i of subset) {
    const [roleDoc, stageDoc] = prepared.examples[i];
    for (const f of roleDoc.ids) {
      counts[f * ROW + roleDoc.label] += roleDoc.weight;
      counts[f * ROW + R + stageDoc.label] += stageDoc.weight;
      totals[roleDoc.label] += roleDoc.weight;
      totals[R + stageDoc.label] += stageDoc.weight;
    }
  }
  const out = new Float32Array(features * ROW);
  const logp = new Float64Array(ROW);
  for (let f = 0; f < features; f++) {
    for (let c = 0; c < ROW; c++) logp[c] = Math.log((counts[f * ROW + c] + alpha) / (totals[c] + alpha * features));
    for (const [from, n] of [[0, R], [R, ROW - R]]) {
      let mean = 0;
      for (let c = from; c < from + n; c++) mean += logp[c];
      mean /= n;
      for (let c = from; c < from + n; c++) out[f * ROW + c] = logp[c] - mean;
    }
  }
  return out;
}

function pack(role: LinearHead, stage: LinearHead): { weights: Float32Array; bias: Float64Array } {
  const R = role.classes;
  const S = stage.classes;
  const features = role.weights.length / R;
  const weights = new Float32Array(features * ROW);
  for (let f = 0; f < features; f++) {
    for (let c = 0; c < R; c++) weights[f * ROW + c] = role.weights[f * R + c];
    for (let c = 0; c < S; c++) weights[f * ROW + R + c] = stage.weights[f * S + c];
  }
  const bias = new Float64Array(ROW);
  bias.set(role.bias);
  bias.set(stage.bias, R);
  return { weights, bias };
}

/**
 * The base vocabulary: lexicon ids, every cue (with its prefixes, keeping the vocabulary prefix-closed), then the
 * training n-grams seen in at least `minCount` examples (a prefix is seen at least as often, so closure holds).
 */
function buildFeatureSpace(examples: readonly LabelledExample[], minCount: number, purposes: boolean, counterparts: boolean) {
  // Pass 1: count in how many examples each training n-gram occurs.
  const counting = new Vocabulary(1 << 14);
  const keyA: number[] = [];
  const keyB: number[] = [];
  const df: number[] = [];
  const readable: number[] = [];
  /** Surface of each all-Chinese n-gram of two or more characters (first occurrence), to check it is whole words. */
  const chineseSurface: (string | undefined)[] = [];
  /** Surface of each single English word (first occurrence), to keep function words out of the cues. */
  const englishSurface: (string | undefined)[] = [];
  /**
   * The loose Chinese runs of each n-gram mixing Chinese and other tokens ("的 issue": "的"; "Q群" has none), to check
   * they are whole words.
   */
  const mixedChinese: (string[] | undefined)[] = [];
  let bound = 16;
  for (const e of examples) bound += e.text.length * 6 + 8;
  const scratch: FeatureSpace = {
    base: counting, extra: null, cueMask: new Uint32Array(0), maxN: 4,
    stamp: new Int32Array(bound), epoch: 0,
  };
  const buffer = new FeatureBuffer();
  const adder = (a: number, b: number) => {
    const id = counting.put(a, b, keyA.length);
    if (id === keyA.length) {
      keyA.push(a);
      keyB.push(b);
      df.push(0);
    }
    return id;
  };
  const tokenKinds = buffer.tokens;
  for (const e of examples) {
    featurize(e.text, scratch, buffer, adder);
    for (let j = 0; j < buffer.count; j++) {
      const id = buffer.ids[j];
      if (df[id]++ === 0) {
        readable[id] = buffer.readable[j];
        const at = buffer.tokenAt[j];
        const n = buffer.length[j];
        let chinese = n >= 2 && at >= 0;
        for (let t = at; chinese && t < at + n; t++) if (tokenKinds.kind[t] !== KIND_CJK) chinese = false;
        if (chinese) chineseSurface[id] = simplified(featureSurface(e.text, buffer, j));
        else if (n === 1 && at >= 0 && tokenKinds.kind[at] === KIND_WORD) englishSurface[id] = featureSurface(e.text, buffer, j);
        else if (n >= 2 && at >= 0) {
          let cjk = false;
          for (let t = at; !cjk && t < at + n; t++) if (tokenKinds.kind[t] === KIND_CJK) cjk = true;
          if (cjk) mixedChinese[id] = looseRuns(featureSurface(e.text, buffer, j));
        }
      }
    }
  }
  // Pass 2: the vocabulary itself.
  const vocab = new Vocabulary(1 << 14);
  let next = RESERVED_FEATURES;
  const put = (a: number, b: number) => {
    const id = vocab.put(a, b, next);
    if (id === next) next++;
    return id;
  };
  const cueRoles = new Map<number, number>();
  const cueStages = new Map<number, number>();
  const cuePurposes = new Map<number, number>();
  const cueIds: number[] = [];
  const tokens = new TokenBuffer();
  let maxN = 4;
  const cueSurface = new Map<number, string>();
  const addCue = (cue: string, bit: number, masks: Map<number, number>) => {
    const keys = cueKeys(cue, tokens);
    if (!keys) return;
    let id = -1;
    for (const key of keys) id = put(key.a, key.b);
    masks.set(id, (masks.get(id) ?? 0) | bit);
    let hasNumber = false;
    let chinese = true;
    for (let t = 0; t < tokens.count; t++) {
      if (tokens.kind[t] === KIND_NUMBER) hasNumber = true;
      if (tokens.kind[t] !== KIND_CJK) chinese = false;
    }
    // A cue that tokenises to a lone function word ("how-to" → "how") still counts, but is not shown.
    const lone = keys.length === 1 && tokens.kind[0] === KIND_WORD
      && isEnglishFunctionWord(cue.slice(tokens.start[0], tokens.end[0]));
    if ((keys.length > 1 || tokens.kind[0] !== KIND_CJK) && !hasNumber && !lone) cueIds.push(id);
    if (chinese) cueSurface.set(id, cue);
    maxN = Math.max(maxN, keys.length);
  };
  ROLES.forEach((r, k) => [...r.cues.zh, ...r.cues.en].forEach((c) => addCue(c, 1 << k, cueRoles)));
  STAGES.forEach((s, k) => [...s.cues.zh, ...s.cues.en].forEach((c) => addCue(c, 1 << k, cueStages)));
  if (purposes) PURPOSES.forEach((p, k) => [...p.cues.zh, ...p.cues.en].forEach((c) => addCue(c, 1 << k, cuePurposes)));
  if (counterparts) COUNTERPARTS.forEach((f, k) => f.cues.forEach((c) => addCue(c, 1 << (PURPOSES.length + k), cuePurposes)));
  const readableIds: number[] = [];
  const wordIds: number[] = [];
  /** Per shown Chinese feature that is one dictionary word, how common it is (see wordRank). */
  const rank = new Map<number, number>();
  /** Chinese function words that are dictionary words: never shown, but they cut the n-grams crossing them. */
  const hiddenWords = new Map<number, number>();
  const words = chineseWords(ROLES.flatMap((r) => r.cues.zh).concat(STAGES.flatMap((s) => s.cues.zh)));
  for (let i = 0; i < keyA.length; i++) {
    if (df[i] < minCount || !readable[i]) continue;
    const id = put(keyA[i], keyB[i]);
    const surface = chineseSurface[i];
    // Chinese n-grams that cut through a word ("在知" in "在知乎") are features, but neither shown nor used to find
    // similar entries (unless there is no dictionary to tell).
    if (surface !== undefined && !isWholeWords(surface, words)) {
      if (!words.complete) readableIds.push(id);
      continue;
    }
    readableIds.push(id);
    // "的 issue", "issue 或", "App的": an English word with a stray Chinese character or particle is not shown either;
    // nor words led or closed by a function word ("根据公司", "完成活动": the other word alone says it).
    const mixed = mixedChinese[i];
    if (mixed !== undefined && words.complete && !mixed.every((run) => isWholeWords(run, words))) continue;
    if (surface !== undefined && words.complete && edgeFunctionWord(surface, words)) continue;
    if (surface !== undefined ? !FUNCTION_WORDS.has(surface) : !isEnglishFunctionWord(englishSurface[i])) {
      wordIds.push(id); // function words: features, never shown
      if (surface !== undefined) rank.set(id, wordRank(surface, words));
    } else if (surface !== undefined) {
      const r = wordRank(surface, words);
      if (r > 0) hiddenWords.set(id, HIDDEN_WORD + r);
    }
  }
  for (let i = 0; i < keyA.length; i++) if (df[i] >= minCount && !readable[i]) put(keyA[i], keyB[i]);
  const features = next;
  /**
   * Shown as cues: whole Chinese words, English words and phrases, the taxonomy's cues (not lone characters). 1, or
   * for a single Chinese word its rank (2–127), which decides between words that overlap in an entry (explain.ts);
   * HIDDEN_WORD + its rank for a Chinese function word, never shown but a word all the same.
   */
  const shown = new Uint8Array(features);
  for (const id of [...wordIds, ...cueIds]) shown[id] = 1;
  for (const [id, surface] of cueSurface) if (!rank.has(id)) rank.set(id, wordRank(surface, words));
  for (const [id, r] of rank) if (shown[id] !== 0 && r > 0) shown[id] = r;
  for (const [id, r] of hiddenWords) if (shown[id] === 0) shown[id] = r;
  // Chinese n-grams that cut through a word ("在知" in "在知乎") are features too; until session 8 they were found but
  // not used, and the words a general dictionary lacks (微信, 线上, 官网, 排期, 群里) went with them. CV on real Chinese
  // lines (scripts/cv.ts, with traditional characters read as simplified, mean of 5 training seeds) role / stage / both
  // right 0.632 / 0.642 / 0.515 → 0.635 / 0.643 / 0.524; English the same, bank zh +0.002 / +0.004.
  /** Features that identify similar entries: words and multi-character n-grams without numbers. */
  const distinctive = new Uint8Array(features);
  for (const id of [...readableIds, ...cueIds]) distinctive[id] = 1;
  const cueMask = new Uint32Array(features);
  for (const [id, m] of cueRoles) cueMask[id] |= m;
  for (const [id, m] of cueStages) cueMask[id] |= m << CUE_STAGE_SHIFT;
  for (const [id, m] of cuePurposes) cueMask[id] |= m << CUE_PURPOSE_SHIFT;
  const space: FeatureSpace = {
    base: vocab, extra: null, cueMask, maxN, readable: shown, stamp: new Int32Array(features), epoch: 0,
  };
  return { space, features, buffer, distinctive };
}

function isEnglishFunctionWord(surface: string | undefined): boolean {
  return surface !== undefined && ENGLISH_FUNCTION_WORDS.has(surface.toLowerCase());
}

function toDoc(buffer: FeatureBuffer, label: number, weight: number): SparseDoc {
  return {
    ids: buffer.ids.slice(0, buffer.count),
    values: buffer.values.slice(0, buffer.count),
    label,
    weight,
  };
}

function prepare(
  examples: readonly TrainingExample[], own: readonly TrainingExample[], space: FeatureSpace, buffer: FeatureBuffer, cueWeight: number,
): Prepared {
  // Class-balanced example weights: the targets are macro-F1, and the bank has more activation than referral.
  const balance = (labels: number[], C: number) => {
    const counts = new Array(C).fill(0);
    for (const l of labels) counts[l]++;
    return counts.map((n) => (n === 0 ? 1 : labels.length / (C * n)));
  };
  // Class balance from the examples people wrote (`own`: not the rewordings or translations, TrainingExample.augment).
  const roleWeight = balance(own.map((e) => ROLE_KEYS.indexOf(e.role)), ROLE_KEYS.length);
  const stageWeight = balance(own.map((e) => STAGE_KEYS.indexOf(e.stage)), STAGE_KEYS.length);
  const docs = examples.map((e) => {
    featurize(e.text, space, buffer);
    const w = e.weight ?? 1;
    const role = toDoc(buffer, ROLE_KEYS.indexOf(e.role), w * roleWeight[ROLE_KEYS.indexOf(e.role)]);
    const stage = STAGE_KEYS.indexOf(e.stage);
    return [role, { ...role, label: stage, weight: w * (e.stageShare ?? 1) * stageWeight[stage] }];
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

/** Both heads: logistic regression, plus the naive Bayes weights times `nbWeight` (one linear model per head). */
function trainHeads(prepared: Prepared, subset: number[], features: number, options: Omit<BuildOptions, "taxonomyVersion">) {
  const { train } = options;
  const roleDocs = [...subset.map((i) => prepared.examples[i][0]), ...prepared.roleCueDocs];
  const stageDocs = [...subset.map((i) => prepared.examples[i][1]), ...prepared.stageCueDocs];
  const role = trainSoftmax(roleDocs, features, ROLE_KEYS.length, train);
  const stage = trainSoftmax(stageDocs, features, STAGE_KEYS.length, { ...train, seed: train.seed + 1 });
  if (options.nbWeight > 0) {
    const nb = naiveBayes(prepared, subset, features, options.nbAlpha);
    const R = ROLE_KEYS.length;
    const S = STAGE_KEYS.length;
    for (let f = 0; f < features; f++) {
      for (let c = 0; c < R; c++) role.weights[f * R + c] += options.nbWeight * nb[f * ROW + c];
      for (let c = 0; c < S; c++) stage.weights[f * S + c] += options.nbWeight * nb[f * ROW + R + c];
    }
  }
  return { role, stage };
}

export const JOINT = ROLE_KEYS.length * STAGE_KEYS.length;

/** The joint head: one softmax over role × stage pairs (label role · S + stage), plus its naive Bayes. */
function trainJoint(prepared: Prepared, subset: number[], features: number, options: Omit<BuildOptions, "taxonomyVersion">) {
  const S = STAGE_KEYS.length;
  const docs = subset.map((i) => {
    const [roleDoc, stageDoc] = prepared.examples[i];
    return { ...roleDoc, label: roleDoc.label * S + stageDoc.label, weight: Math.sqrt(roleDoc.weight * stageDoc.weight) };
  });
  const head = trainSoftmax(docs, features, JOINT, { ...options.train, seed: options.train.seed + 2 });
  if (options.jointNb > 0) {
    const counts = new Float64Array(features * JOINT);
    const totals = new Float64Array(JOINT);
    for (const d of docs) {
      for (const f of d.ids) {
        counts[f * JOINT + d.label] += d.weight;
        totals[d.label] += d.weight;
      }
    }
    const alpha = options.nbAlpha;
    const logp = new Float64Array(JOINT);
    for (let f = 0; f < features; f++) {
      let mean = 0;
      for (let c = 0; c < JOINT; c++) {
        logp[c] = Math.log((counts[f * JOINT + c] + alpha) / (totals[c] + alpha * features));
        mean += logp[c];
      }
      mean /= JOINT;
      for (let c = 0; c < JOINT; c++) head.weights[f * JOINT + c] += options.jointNb * (logp[c] - mean);
    }
  }
  return head;
}

function stagePriorFrom(examples: readonly TrainingExample[], subset: number[]): Float64Array {
  const R = ROLE_KEYS.length;
  const S = STAGE_KEYS.length;
  const counts = new Float64Array(R * S).fill(0.5);
  for (const i of subset) {
    counts[ROLE_KEYS.indexOf(examples[i].role) * S + STAGE_KEYS.indexOf(examples[i].stage)] += examples[i].weight ?? 1;
  }
  const out = new Float64Array(R * S);
  for (let r = 0; r < R; r++) {
    let total = 0;
    for (let s = 0; s < S; s++) total += counts[r * S + s];
    for (let s = 0; s < S; s++) out[r * S + s] = counts[r * S + s] / total;
  }
  return out;
}

function classFrequencies(labels: number[], C: number): Float64Array {
  const out = new Float64Array(C).fill(1);
  for (const l of labels) out[l] += 1;
  const total = out.reduce((a, b) => a + b, 0);
  return out.map((v) => v / total);
}

/** Mixes the role distribution into the stage logits (from `offset`): stage += w · log Σ_r p(r) P(s|r). */
export function addStagePrior(
  logits: Float64Array, offset: number, roleProbs: Float64Array, stageGivenRole: Float64Array, weight: number,
) {
  const R = roleProbs.length;
  const S = stageGivenRole.length / R;
  for (let s = 0; s < S; s++) {
    let mix = 0;
    for (let r = 0; r < R; r++) mix += roleProbs[r] * stageGivenRole[r * S + s];
    logits[offset + s] += weight * Math.log(mix);
  }
}

/** Train without a fold, collect its held-out logits, fit one temperature per head. */
function calibrate(
  examples: readonly TrainingExample[], core: readonly number[], prepared: Prepared, features: number, options: BuildOptions,
) {
  const K = options.calibrationFolds;
  const roleLogits: Float64Array[] = [];
  const stageLogits: Float64Array[] = [];
  const priors: Float64Array[] = [];
  const roleLabels: number[] = [];
  const stageLabels: number[] = [];
  for (let fold = 0; fold < Math.min(K, options.calibrationRounds); fold++) {
    const trainIdx = core.filter((_, j) => j % K !== fold);
    const heads = trainHeads(prepared, trainIdx, features, options);
    const prior = stagePriorFrom(examples, trainIdx);
    for (let j = fold; j < core.length; j += K) {
      const i = core[j];
      const doc = prepared.examples[i][0];
      const r = new Float64Array(ROLE_KEYS.length);
      scoreInto(heads.role, doc.ids, doc.values, doc.ids.length, r);
      const s = new Float64Array(STAGE_KEYS.length);
      scoreInto(heads.stage, doc.ids, doc.values, doc.ids.length, s);
      roleLogits.push(r);
      stageLogits.push(s);
      priors.push(prior);
      roleLabels.push(doc.label);
      stageLabels.push(prepared.examples[i][1].label);
    }
  }
  // As in classification: the role temperature first, then the stage logits with the prior from the role probabilities.
  const role = fitTemperature(roleLogits, roleLabels, ROLE_KEYS.length);
  stageLogits.forEach((s, i) => {
    const p = roleLogits[i].slice();
    softmaxInPlace(p, ROLE_KEYS.length, role);
    addStagePrior(s, 0, p, priors[i], options.priorWeight);
  });
  return { role, stage: fitTemperature(stageLogits, stageLabels, STAGE_KEYS.length) };
}
