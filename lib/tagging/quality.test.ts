import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { getBaseModel, ROLE_KEYS, STAGE_KEYS } from ".";
import { parseLabelledLines } from "./jsonl";
import { headReport } from "./metrics";

// The public dev set sits beside the repository (shared/eval: ../shared from /work/main, ../../shared from a
// worktree); it is only ever evaluated on, never trained on.
const DEV_SET = process.env.OPSMIX_DEV_SET ??
  [path.resolve(__dirname, "../../../shared/eval/dev.jsonl"), path.resolve(__dirname, "../../../../shared/eval/dev.jsonl")]
    .find((p) => existsSync(p)) ?? path.resolve(__dirname, "../../../shared/eval/dev.jsonl");

describe("quality on the dev set (no training on it)", { skip: !existsSync(DEV_SET) && `no dev set at ${DEV_SET}` }, () => {
  it("keeps role and stage macro-F1 above the floor", () => {
    const items = parseLabelledLines(readFileSync(DEV_SET, "utf8"), (line, error) => assert.fail(`dev set line ${line}: ${error}`));
    assert.ok(items.length >= 100);
    const model = getBaseModel();
    const results = items.map((e) => model.classify(e.text));
    const role = headReport(ROLE_KEYS, items.map((e) => e.role), results.map((r) => r.role));
    const stage = headReport(STAGE_KEYS, items.map((e) => e.stage), results.map((r) => r.stage));
    assert.ok(role.macroF1 >= 0.88, `role macro-F1 ${role.macroF1.toFixed(3)}`);
    assert.ok(stage.macroF1 >= 0.86, `stage macro-F1 ${stage.macroF1.toFixed(3)}`);
  });
});
