import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import {
  calibrated, CALIBRATION_FILE, fitCalibration, type ReviewRow, reviewRows, serialise,
} from "../../scripts/fit-review";
import { calibrationError, catchCurve } from "./metrics";
import { DEFAULT_REVIEW_THRESHOLD } from "./model";
import { bothRight, CALIBRATION, Signal } from "./review";

// The review calibration (review.ts) turns what the engine knows of an entry into the confidences a tag shows and the
// review queue ranks by. It is fitted on cross-validation over the training data (scripts/fit-review.ts); these tests
// run that CV once (about 20 CPU-seconds) and check the committed file against it.
let rows: ReviewRow[] | null = null;
function cvRows(): ReviewRow[] {
  rows ??= reviewRows();
  return rows;
}

const wrongOf = (r: ReviewRow) => !r.roleRight || !r.stageRight;
const headsOwn = (r: ReviewRow) => ({ role: r.signals[Signal.RoleTop] as number, stage: r.signals[Signal.StageTop] as number });

describe("review calibration", () => {
  it("is what scripts/fit-review.ts fits on today's engine and training data", () => {
    const all = cvRows();
    const refit = fitCalibration(all);
    const committed = readFileSync(CALIBRATION_FILE, "utf8");
    if (committed === serialise(refit)) return;
    // New lines keep every other group in its fold (scripts/cv-lines.ts foldOf) but retrain the other folds' bases, so a
    // few dozen move the fit a little: that much may wait for the next refit (on average under 0.02, 99% of lines
    // within 0.1); a change to the engine that moves its confidences more may not.
    const now = calibrated(CALIBRATION, all);
    const fresh = calibrated(refit, all);
    const gaps = all.map((_, i) => Math.max(
      Math.abs(now[i].role - fresh[i].role), Math.abs(now[i].stage - fresh[i].stage), Math.abs(now[i].both - fresh[i].both),
    ));
    gaps.sort((a, b) => a - b);
    const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    const p99 = gaps[Math.floor(gaps.length * 0.99)];
    assert.ok(
      mean < 0.02 && p99 < 0.1,
      `review-calibration.json is stale (confidences differ by ${mean.toFixed(3)} on average, ${p99.toFixed(3)} at the 99th percentile): run npx tsx scripts/fit-review.ts --write`,
    );
  });

  it("shows confidences that match how often tags are right, on real operators' lines and on written ones", () => {
    const all = cvRows();
    for (const domain of ["real", "bank"] as const) {
      const part = all.filter((r) => r.domain === domain);
      const scores = calibrated(CALIBRATION, part);
      for (const head of ["role", "stage"] as const) {
        const right = part.map((r) => (head === "role" ? r.roleRight : r.stageRight));
        const error = calibrationError(scores.map((s) => s[head]), right);
        assert.ok(error < 0.06, `${domain} ${head}: expected calibration error ${error.toFixed(3)}`);
      }
    }
    // The heads' own probabilities overstate how often real lines are right (by more than 10 points).
    const real = all.filter((r) => r.domain === "real");
    const own = calibrationError(real.map((r) => headsOwn(r).role), real.map((r) => r.roleRight));
    const now = calibrationError(calibrated(CALIBRATION, real).map((s) => s.role), real.map((r) => r.roleRight));
    assert.ok(now < own, `real role: ${now.toFixed(3)} against the heads' own ${own.toFixed(3)}`);
  });

  it("puts at least as many of the wrong tags in the least confident quarter of written entries as the heads' own probabilities", () => {
    const bank = cvRows().filter((r) => r.domain === "bank");
    const wrong = bank.map(wrongOf);
    const [own] = catchCurve(bank.map((r) => Math.min(headsOwn(r).role, headsOwn(r).stage)), wrong, [0.25]);
    const [now] = catchCurve(calibrated(CALIBRATION, bank).map((s) => Math.min(s.role, s.stage)), wrong, [0.25]);
    assert.ok(now.catchRate >= own.catchRate, `flag 25%: ${now.catchRate.toFixed(3)} against ${own.catchRate.toFixed(3)}`);
  });

  it("shows on the chip the chance that role and stage are both right, which the lower of the two overstates on real lines", () => {
    const all = cvRows();
    for (const domain of ["real", "bank"] as const) {
      const part = all.filter((r) => r.domain === domain);
      const scores = calibrated(CALIBRATION, part);
      const both = part.map((r) => r.roleRight && r.stageRight);
      const error = calibrationError(scores.map((s) => s.both), both);
      assert.ok(error < 0.07, `${domain}: chip calibration error ${error.toFixed(3)}`);
      if (domain === "real") {
        const lower = calibrationError(scores.map((s) => Math.min(s.role, s.stage)), both);
        assert.ok(lower > 0.08 && error < lower / 2, `real: chip ${error.toFixed(3)} against the lower confidence's ${lower.toFixed(3)}`);
      }
    }
  });

  it("ranks entries as the review queue does: flagged exactly when the chip is below the threshold's own chip", () => {
    const scores = calibrated(CALIBRATION, cvRows());
    const bar = bothRight(DEFAULT_REVIEW_THRESHOLD, DEFAULT_REVIEW_THRESHOLD);
    assert.ok(bar > 0.4 && bar < DEFAULT_REVIEW_THRESHOLD, `the threshold's chip ${bar.toFixed(3)}`);
    for (const s of scores) {
      const flagged = s.role < DEFAULT_REVIEW_THRESHOLD || s.stage < DEFAULT_REVIEW_THRESHOLD;
      assert.equal(s.both < bar, flagged, JSON.stringify(s));
    }
    // Rising in the lower confidence, whichever head it is, and never above it on confident tags.
    assert.ok(bothRight(0.9, 0.6) === bothRight(0.6, 0.95) && bothRight(0.6, 0.6) < bothRight(0.61, 0.8));
    assert.ok(bothRight(0.95, 0.95) < 0.95);
    for (const lower of [0.5, 0.9, 0.97, 0.98, 0.99, 0.999]) assert.ok(bothRight(lower, 1) <= lower, `bothRight(${lower}, 1)`);
  });
});
