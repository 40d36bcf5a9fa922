// Review calibration: how likely the engine's role and its stage are right, from what the engine already knows about
// an entry (how sure each head is and by what margin, the language, the closest bank example and whether its labels
// agree; SIGNAL_NAMES). Two small logistic models fitted on
// out-of-fold predictions of cross-validation over the training data (scripts/fit-review.ts writes
// review-calibration.json; review.test.ts checks it still matches what the script would fit now). Their outputs are the
// role and stage confidences a tag carries and the review queue ranks by (the lower of the two): calibrated
// probabilities that the role / the stage is right. A third curve (bothRight) turns the lower of the two into the
// chance that role and stage are both right, the number a tag's chip shows: the lower confidence alone overstates it
// (out of fold on real lines by 11 points), as a tag is wrong when either head is.
import calibration from "./review-calibration.json";

/** What classify() records of each entry, in this order (Model.classify fills a Float64Array of SIGNALS). */
export const SIGNAL_NAMES = [
  // The two heads' top and second probabilities (joint head applied).
  "roleTop", "roleSecond", "stageTop", "stageSecond",
  // 1 when the entry has a Chinese character.
  "zh",
  // The closest bank example: its similarity, whether its role / stage are the tag's, 1 when it is a real line.
  "bankSimilarity", "bankRoleAgrees", "bankStageAgrees", "bankReal",
] as const;
export const SIGNALS = SIGNAL_NAMES.length;
/** Index of each signal. */
export const Signal = Object.fromEntries(SIGNAL_NAMES.map((name, i) => [name[0].toUpperCase() + name.slice(1), i])) as {
  readonly [K in (typeof SIGNAL_NAMES)[number] as Capitalize<K>]: number;
};

/** The calibration models' inputs (names as in review-calibration.json). */
export const FEATURE_NAMES = [
  "roleLogit", "roleMargin", "stageLogit", "stageMargin", "zh", "zhRoleLogit", "zhStageLogit", "bankSimilarity",
  "bankRoleAgrees", "bankStageAgrees", "bankRoleAgreesSimilarity", "bankStageAgreesSimilarity", "bankReal",
] as const;
export const FEATURES = FEATURE_NAMES.length;

const EPS = 1e-4;
export function logit(p: number): number {
  const q = p < EPS ? EPS : p > 1 - EPS ? 1 - EPS : p;
  return Math.log(q / (1 - q));
}

/** The calibration models' inputs from an entry's signals, into x (FEATURES values). */
export function reviewFeatures(s: ArrayLike<number>, x: Float64Array): void {
  const roleLogit = logit(s[Signal.RoleTop]);
  const stageLogit = logit(s[Signal.StageTop]);
  const zh = s[Signal.Zh];
  const sim = s[Signal.BankSimilarity];
  x[0] = roleLogit;
  x[1] = s[Signal.RoleTop] - s[Signal.RoleSecond];
  x[2] = stageLogit;
  x[3] = s[Signal.StageTop] - s[Signal.StageSecond];
  x[4] = zh;
  x[5] = zh * roleLogit;
  x[6] = zh * stageLogit;
  x[7] = sim;
  x[8] = s[Signal.BankRoleAgrees];
  x[9] = s[Signal.BankStageAgrees];
  x[10] = sim * s[Signal.BankRoleAgrees];
  x[11] = sim * s[Signal.BankStageAgrees];
  x[12] = s[Signal.BankReal];
}

export interface LogisticModel {
  bias: number;
  weights: number[];
}
export interface ReviewCalibration {
  features: string[];
  role: LogisticModel;
  stage: LogisticModel;
  /** P(role and stage both right) from one input: the logit of the lower of the two calibrated confidences. */
  both: LogisticModel;
}

export const CALIBRATION = calibration as ReviewCalibration;
if (CALIBRATION.features.join() !== FEATURE_NAMES.join() || CALIBRATION.both?.weights.length !== 1) {
  throw new Error("review-calibration.json was fitted on other features: run npx tsx scripts/fit-review.ts");
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/**
 * The chance that a tag's role and stage are both right, from its role and stage confidences (as stored with an entry):
 * a logistic curve in the logit of the lower one, fitted on out-of-fold tags of the training data. It rises with the
 * lower confidence, so it ranks entries as the review queue does, and an entry is flagged exactly when this is below
 * bothRight(threshold, threshold). Never above the lower confidence (both right implies each right): the fitted curve
 * has a weight above 1 and crosses it near the top (above about 0.97 with the committed fit).
 */
export function bothRight(role: number, stage: number, calibration: ReviewCalibration = CALIBRATION): number {
  const { bias, weights } = calibration.both;
  const lower = Math.min(role, stage);
  return Math.min(lower, sigmoid(bias + weights[0] * logit(lower)));
}

/** P(right) under one logistic model for the inputs x. */
export function probability(model: LogisticModel, x: Float64Array): number {
  let z = model.bias;
  const w = model.weights;
  for (let i = 0; i < w.length; i++) z += w[i] * x[i];
  return sigmoid(z);
}
