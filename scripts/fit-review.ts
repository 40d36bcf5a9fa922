// Fits the review calibration (lib/tagging/review.ts): two logistic models, P(role right) and P(stage right), over the
// review signals of every training line tagged out of fold (scripts/cv-lines.ts, 5-fold CV grouped by writer:
// organisation, persona file), and a third, P(role and stage both right) from the lower of the two (fitted on their
// cross-fitted values); reports the review queue and the calibration before (the heads' own probabilities) and after
// (the calibrated ones). The figures "after" are cross-fitted: each fold's lines are scored by a calibration fitted on
// the other folds' lines only.
// Usage:
//   npx tsx scripts/fit-review.ts [--write] [--signals FILE]
//     --write         write the calibration fitted on all lines to lib/tagging/review-calibration.json
//     --signals FILE  fit on the JSONL of `scripts/cv.ts --signals FILE` instead of running the CV again
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { calibrationError, catchCurve } from "../lib/tagging/metrics";
import {
  bothRight, CALIBRATION, FEATURE_NAMES, FEATURES, type LogisticModel, logit, probability, type ReviewCalibration,
  reviewFeatures, Signal, SIGNAL_NAMES,
} from "../lib/tagging/review";
import { crossValidate } from "./cv-lines";

/** One training line tagged out of fold: what the calibration is fitted on. */
export interface ReviewRow {
  domain: "real" | "bank";
  lang: "zh" | "en";
  fold: number;
  roleRight: boolean;
  stageRight: boolean;
  signals: ArrayLike<number>;
}

export const CALIBRATION_FILE = path.resolve(__dirname, "../lib/tagging/review-calibration.json");
/** L2 penalty on the weights (not the bias), in units of the log-likelihood summed over lines. */
const L2 = 10;
const FOLDS = 5;

/** The rows of the CV (lines the model could read something of: the others answer the prior, always flagged). */
export function reviewRows(): ReviewRow[] {
  const cv = crossValidate(FOLDS);
  return cv.lines.flatMap((l, i) => {
    // Rewordings and translations of real lines are trained on, never scored (scripts/cv-lines.ts).
    if (l.domain === "augment" || Number.isNaN(cv.signals[i][Signal.RoleTop])) return [];
    const r = cv.results[i];
    return [{ domain: l.domain, lang: l.lang, fold: cv.folds[i], roleRight: r.role === l.role, stageRight: r.stage === l.stage, signals: cv.signals[i] }];
  });
}

/** L2-regularised logistic regression by Newton's method (deterministic: no sampling, fixed iterations). */
export function fitLogistic(X: Float64Array[], y: boolean[], l2 = L2): LogisticModel {
  const F = X[0].length;
  const D = F + 1; // bias last
  const w = new Float64Array(D);
  const grad = new Float64Array(D);
  const H = new Float64Array(D * D);
  for (let iter = 0; iter < 50; iter++) {
    grad.fill(0);
    H.fill(0);
    for (let d = 0; d < F; d++) {
      grad[d] = l2 * w[d];
      H[d * D + d] = l2;
    }
    for (let n = 0; n < X.length; n++) {
      const x = X[n];
      let z = w[F];
      for (let d = 0; d < F; d++) z += w[d] * x[d];
      const p = 1 / (1 + Math.exp(-z));
      const g = p - (y[n] ? 1 : 0);
      const h = Math.max(p * (1 - p), 1e-9);
      for (let a = 0; a < D; a++) {
        const xa = a === F ? 1 : x[a];
        grad[a] += g * xa;
        for (let b = 0; b <= a; b++) H[a * D + b] += h * xa * (b === F ? 1 : x[b]);
      }
    }
    for (let a = 0; a < D; a++) for (let b = 0; b < a; b++) H[b * D + a] = H[a * D + b];
    const step = solve(H, grad, D);
    let change = 0;
    for (let d = 0; d < D; d++) {
      w[d] -= step[d];
      change = Math.max(change, Math.abs(step[d]));
    }
    if (change < 1e-10) break;
  }
  const round = (v: number) => Math.round(v * 1e6) / 1e6;
  return { bias: round(w[F]), weights: [...w.subarray(0, F)].map(round) };
}

/** Solves A x = b (A symmetric positive definite, D × D) by Gaussian elimination with partial pivoting. */
function solve(A: Float64Array, b: Float64Array, D: number): Float64Array {
  const M = Float64Array.from(A);
  const x = Float64Array.from(b);
  for (let c = 0; c < D; c++) {
    let pivot = c;
    for (let r = c + 1; r < D; r++) if (Math.abs(M[r * D + c]) > Math.abs(M[pivot * D + c])) pivot = r;
    if (pivot !== c) {
      for (let k = 0; k < D; k++) [M[c * D + k], M[pivot * D + k]] = [M[pivot * D + k], M[c * D + k]];
      [x[c], x[pivot]] = [x[pivot], x[c]];
    }
    for (let r = c + 1; r < D; r++) {
      const f = M[r * D + c] / M[c * D + c];
      if (f === 0) continue;
      for (let k = c; k < D; k++) M[r * D + k] -= f * M[c * D + k];
      x[r] -= f * x[c];
    }
  }
  for (let c = D - 1; c >= 0; c--) {
    let sum = x[c];
    for (let k = c + 1; k < D; k++) sum -= M[c * D + k] * x[k];
    x[c] = sum / M[c * D + c];
  }
  return x;
}

function inputs(rows: readonly ReviewRow[]): Float64Array[] {
  return rows.map((r) => {
    const x = new Float64Array(FEATURES);
    reviewFeatures(r.signals, x);
    return x;
  });
}

type Heads = Pick<ReviewCalibration, "role" | "stage">;
export interface Scores {
  role: number;
  stage: number;
  /** The chance role and stage are both right (review.ts bothRight): what a tag's chip shows. */
  both: number;
}

/** The role and stage models fitted on `rows`. */
function fitHeads(rows: readonly ReviewRow[]): Heads {
  const X = inputs(rows);
  return { role: fitLogistic(X, rows.map((r) => r.roleRight)), stage: fitLogistic(X, rows.map((r) => r.stageRight)) };
}

function headScores(heads: Heads, rows: readonly ReviewRow[]): { role: number; stage: number }[] {
  return inputs(rows).map((x) => ({ role: probability(heads.role, x), stage: probability(heads.stage, x) }));
}

/** Each row's (role, stage) probabilities from role and stage models fitted on the other folds' rows only. */
function crossFittedHeads(rows: readonly ReviewRow[]): { role: number; stage: number }[] {
  const out: { role: number; stage: number }[] = new Array(rows.length);
  for (let k = 0; k < FOLDS; k++) {
    const heads = fitHeads(rows.filter((r) => r.fold !== k));
    const idx = rows.map((r, i) => (r.fold === k ? i : -1)).filter((i) => i >= 0);
    const scored = headScores(heads, idx.map((i) => rows[i]));
    idx.forEach((i, j) => (out[i] = scored[j]));
  }
  return out;
}

/** P(both right) as a logistic curve in the logit of the lower of each row's (role, stage) probabilities. */
function fitBoth(rows: readonly ReviewRow[], scores: readonly { role: number; stage: number }[]): LogisticModel {
  const X = scores.map((s) => Float64Array.of(logit(Math.min(s.role, s.stage))));
  return fitLogistic(X, rows.map((r) => r.roleRight && r.stageRight));
}

/** The calibration fitted on `rows` (the both-right curve on the role and stage models' out-of-fold values). */
export function fitCalibration(rows: readonly ReviewRow[]): ReviewCalibration {
  return { features: [...FEATURE_NAMES], ...fitHeads(rows), both: fitBoth(rows, crossFittedHeads(rows)) };
}

/** Each row's calibrated role, stage and both-right probabilities under `calibration`. */
export function calibrated(calibration: ReviewCalibration, rows: readonly ReviewRow[]): Scores[] {
  return headScores(calibration, rows).map((s) => ({ ...s, both: bothRight(s.role, s.stage, calibration) }));
}

/**
 * Each row scored by a calibration fitted on the other folds' rows only (the both-right curve on the other folds'
 * cross-fitted role and stage probabilities).
 */
export function crossFitted(rows: readonly ReviewRow[]): Scores[] {
  const heads = crossFittedHeads(rows);
  const out: Scores[] = new Array(rows.length);
  for (let k = 0; k < FOLDS; k++) {
    const other = rows.map((r, i) => (r.fold !== k ? i : -1)).filter((i) => i >= 0);
    const both = fitBoth(other.map((i) => rows[i]), other.map((i) => heads[i]));
    rows.forEach((r, i) => {
      if (r.fold !== k) return;
      const { role, stage } = heads[i];
      out[i] = { role, stage, both: bothRight(role, stage, { ...CALIBRATION, both }) };
    });
  }
  return out;
}

export function serialise(calibration: ReviewCalibration): string {
  const model = (m: LogisticModel) => `{"bias":${m.bias},"weights":[${m.weights.join(",")}]}`;
  return `{\n"features":${JSON.stringify(calibration.features)},\n"role":${model(calibration.role)},\n"stage":${model(calibration.stage)},\n"both":${model(calibration.both)}\n}\n`;
}

const BUDGETS = [0.1, 0.15, 0.2, 0.25, 0.3, 0.4];
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function summary(title: string, rows: readonly ReviewRow[], scores: Scores[]): string {
  const wrong = rows.map((r) => !r.roleRight || !r.stageRight);
  const curve = catchCurve(scores.map((s) => Math.min(s.role, s.stage)), wrong, BUDGETS);
  const eceRole = calibrationError(scores.map((s) => s.role), rows.map((r) => r.roleRight));
  const eceStage = calibrationError(scores.map((s) => s.stage), rows.map((r) => r.stageRight));
  const bothRightRows = rows.map((r) => r.roleRight && r.stageRight);
  const eceBoth = calibrationError(scores.map((s) => s.both), bothRightRows);
  const eceLower = calibrationError(scores.map((s) => Math.min(s.role, s.stage)), bothRightRows);
  const mean = (pick: (s: Scores) => number) => (scores.reduce((a, s) => a + pick(s), 0) / Math.max(1, rows.length)).toFixed(3);
  const share = (keep: (r: ReviewRow) => boolean) => (rows.filter(keep).length / Math.max(1, rows.length)).toFixed(3);
  return `  ${title.padEnd(8)} ${curve.map((p) => pct(p.catchRate).padStart(6)).join(" ")}   ECE role ${eceRole.toFixed(3)} stage ${eceStage.toFixed(3)} both ${eceBoth.toFixed(3)} (lower of the two: ${eceLower.toFixed(3)})  mean role conf ${mean((s) => s.role)} (acc ${share((r) => r.roleRight)}) shown ${mean((s) => s.both)} (both right ${share((r) => r.roleRight && r.stageRight)})`;
}

function readSignals(file: string): ReviewRow[] {
  return readFileSync(file, "utf8").split("\n").filter((l) => l.trim()).flatMap((raw, i) => {
    const o = JSON.parse(raw) as { domain: "real" | "bank" | "augment"; lang: "zh" | "en"; fold?: number; roleRight: boolean; stageRight: boolean; signals: Record<string, number | null> };
    // Rewordings and translations are never calibration lines (base-model.ts, TrainingExample.augment).
    if (o.domain === "augment") return [];
    const signals = SIGNAL_NAMES.map((n) => o.signals[n] ?? Number.NaN);
    if (Number.isNaN(signals[Signal.RoleTop])) return [];
    return [{ domain: o.domain, lang: o.lang, fold: o.fold ?? i % FOLDS, roleRight: o.roleRight, stageRight: o.stageRight, signals }];
  });
}

function main() {
  const argv = process.argv.slice(2);
  const write = argv.includes("--write");
  const signalsAt = argv.indexOf("--signals");
  const rows = signalsAt >= 0 ? readSignals(argv[signalsAt + 1]) : reviewRows();
  // Before: the heads' own probabilities, the lower of the two shown.
  const before = rows.map((r) => {
    const role = r.signals[Signal.RoleTop] as number;
    const stage = r.signals[Signal.StageTop] as number;
    return { role, stage, both: Math.min(role, stage) };
  });
  const after = crossFitted(rows);
  const committed = calibrated(CALIBRATION, rows);
  console.log(`${rows.length} lines tagged out of fold; flag the least confident ${BUDGETS.map(pct).join(" / ")} → share of the wrong caught`);
  const slices: [string, (r: ReviewRow) => boolean][] = [
    ["all", () => true], ["bank", (r) => r.domain === "bank"], ["bank zh", (r) => r.domain === "bank" && r.lang === "zh"],
    ["bank en", (r) => r.domain === "bank" && r.lang === "en"], ["real", (r) => r.domain === "real"],
    ["real zh", (r) => r.domain === "real" && r.lang === "zh"], ["real en", (r) => r.domain === "real" && r.lang === "en"],
  ];
  for (const [name, scores] of [["before (head probabilities)", before], ["after (cross-fitted calibration)", after], ["committed calibration (in-sample)", committed]] as const) {
    console.log(name);
    for (const [title, keep] of slices) {
      const idx = rows.map((r, i) => (keep(r) ? i : -1)).filter((i) => i >= 0);
      console.log(summary(title, idx.map((i) => rows[i]), idx.map((i) => scores[i])));
    }
  }
  const fitted = fitCalibration(rows);
  if (write) {
    writeFileSync(CALIBRATION_FILE, serialise(fitted));
    console.log(`written ${path.relative(process.cwd(), CALIBRATION_FILE)}`);
  } else {
    const same = serialise(fitted) === readFileSync(CALIBRATION_FILE, "utf8");
    console.log(same ? "review-calibration.json is what this fit gives" : "review-calibration.json differs from this fit (--write to update)");
  }
}

if (require.main === module) main();
