import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { getBaseModel, ROLE_KEYS, STAGE_KEYS } from ".";
import { dataHoldoutFiles, readLabelledFile } from "./examples/data-files";
import { parseLabelledLines } from "./jsonl";
import { headReport } from "./metrics";
import type { LabelledExample } from "./types";

// Training is deterministic (fixed seeds, sorted data files), so these floors hold or fail the same way every run;
// they sit a few points under today's figures so that new training data can move them a little without failing.

// The public dev set sits beside the repository (shared/eval: ../shared from /work/main, ../../shared from a
// worktree); it is only ever evaluated on, never trained on.
const DEV_SET = process.env.OPSMIX_DEV_SET ??
  [path.resolve(__dirname, "../../../shared/eval/dev.jsonl"), path.resolve(__dirname, "../../../../shared/eval/dev.jsonl")]
    .find((p) => existsSync(p)) ?? path.resolve(__dirname, "../../../shared/eval/dev.jsonl");

function scores(items: readonly LabelledExample[]) {
  const model = getBaseModel();
  const results = items.map((e) => model.classify(e.text));
  return {
    role: headReport(ROLE_KEYS, items.map((e) => e.role), results.map((r) => r.role)).macroF1,
    stage: headReport(STAGE_KEYS, items.map((e) => e.stage), results.map((r) => r.stage)).macroF1,
  };
}

describe("quality on the dev set (no training on it)", { skip: !existsSync(DEV_SET) && `no dev set at ${DEV_SET}` }, () => {
  it("keeps role and stage macro-F1 above the floor", () => {
    const items = parseLabelledLines(readFileSync(DEV_SET, "utf8"), (line, error) => assert.fail(`dev set line ${line}: ${error}`));
    assert.ok(items.length >= 100);
    const { role, stage } = scores(items);
    assert.ok(role >= 0.89, `role macro-F1 ${role.toFixed(3)}`);
    assert.ok(stage >= 0.88, `stage macro-F1 ${stage.toFixed(3)}`);
  });
});

// The hold-out files under lib/tagging/data/ are never trained on: whole personas (bank) and whole source pages
// (real operators' lines) the model has not seen.
const FLOORS: Record<string, { role: number; stage: number }> = {
  "bank/holdout.jsonl": { role: 0.75, stage: 0.75 },
  "real/holdout.jsonl": { role: 0.4, stage: 0.45 },
};

describe("quality on the data hold-outs (never trained on)", () => {
  for (const { name, file } of dataHoldoutFiles()) {
    const floor = FLOORS[name];
    if (!floor) continue;
    it(`keeps role and stage macro-F1 above the floor on ${name}`, () => {
      const items = readLabelledFile(file);
      assert.ok(items.length >= 50, `${name} has ${items.length} entries`);
      const { role, stage } = scores(items);
      assert.ok(role >= floor.role, `${name}: role macro-F1 ${role.toFixed(3)}`);
      assert.ok(stage >= floor.stage, `${name}: stage macro-F1 ${stage.toFixed(3)}`);
    });
  }
});
