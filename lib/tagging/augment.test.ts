// Rewordings and translations of real lines (data/real/paraphrase.jsonl, translation.jsonl; examples/data-files.ts)
// train the heads as `augment` examples:
// they must teach the words they bring, and never act as examples of their own (nearest example, priors, calibration).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildModel, TAXONOMY, TAXONOMY_VERSION } from ".";
import { buildBaseModel, DEFAULT_BUILD, type TrainingExample } from "./base-model";
import { EXAMPLE_BANK } from "./examples";
import { AUGMENT_SHARE, AUGMENT_STAGE_SHARE, BANK_AUGMENT_STAGE_SHARE, trainingExample } from "./examples/data-files";

const BASE: TrainingExample[] = [...TAXONOMY.canonicalExamples, ...EXAMPLE_BANK];
const OPTIONS = { ...DEFAULT_BUILD, taxonomyVersion: TAXONOMY_VERSION };

// An invented word the base has never seen, reworded three ways as business work.
const REWORDINGS: TrainingExample[] = [
  "Signed the quarterly zorblat swap with two partner apps",
  "zorblat swap renewed with the partner app, 2 more in talks",
  "Own the zorblat swaps with partner companies",
].map((text) => ({ text, role: "business", stage: "acquisition", weight: 1.5, augment: true, stageShare: 0 }));
const PROBE = "zorblat";

describe("rewordings and translations of real lines (augment examples)", () => {
  const without = buildBaseModel(BASE, OPTIONS);
  const withAugment = buildBaseModel([...BASE, ...REWORDINGS], OPTIONS);

  it("teach the role of the words they bring", () => {
    const before = buildModel(BASE, { frozen: true }).classify(PROBE);
    const after = buildModel([...BASE, ...REWORDINGS], { frozen: true }).classify(PROBE);
    assert.notEqual(before.role, "business", "the probe must not already read as business");
    assert.equal(after.role, "business");
  });

  it("are never an example of their own: not shown as the nearest example, not in the index or the priors", () => {
    assert.equal(withAugment.examples.length, without.examples.length);
    assert.deepEqual(withAugment.rolePrior, without.rolePrior);
    assert.deepEqual(withAugment.stagePrior, without.stagePrior);
    const r = buildModel([...BASE, ...REWORDINGS], { frozen: true }).classify(PROBE);
    const near = r.explanation.nearest?.text ?? "";
    assert.ok(!REWORDINGS.some((e) => e.text === near), `nearest example ${near}`);
  });

  it("leave the temperature calibration to the lines people wrote", () => {
    assert.ok(Math.abs(withAugment.roleTemperature - without.roleTemperature) < 1e-6, `${withAugment.roleTemperature} vs ${without.roleTemperature}`);
    assert.ok(Math.abs(withAugment.stageTemperature - without.stageTemperature) < 1e-6);
  });

  it("are read from the paraphrase.jsonl and translation.jsonl files of real/ and bank/ only, at the agreed share", () => {
    const line = { text: "回复社区帖子32条", lang: "zh", role: "community", stage: "activation", source: "https://example.com/a" };
    const real = trainingExample(line, "real/train.jsonl", 1);
    assert.equal(real?.augment, undefined);
    for (const file of ["real/paraphrase.jsonl", "real/translation.jsonl"]) {
      const made = trainingExample(line, file, 1);
      assert.equal(made?.augment, true, file);
      assert.equal(made?.weight, AUGMENT_SHARE * (real?.weight ?? 0), file);
    }
    assert.equal(trainingExample(line, "bank/k12-edu.jsonl", 1)?.augment, undefined);
    assert.equal(trainingExample(line, "bank/other.jsonl", 1)?.augment, undefined);
    // A persona line in the other language or reworded: half a bank line, teaching the stage in full.
    const en = { ...line, text: "Replied to 32 community posts", lang: "en", source: "persona:k12-edu" };
    for (const file of ["bank/translation.jsonl", "bank/paraphrase.jsonl"]) {
      const bank = trainingExample(en, file, 1);
      assert.equal(bank?.augment, true, file);
      assert.equal(bank?.weight, AUGMENT_SHARE, file);
      assert.equal(bank?.stageShare, BANK_AUGMENT_STAGE_SHARE, file);
    }
    assert.equal(trainingExample(line, "real/other.jsonl", 1)?.augment, undefined);
  });

  it("in Chinese, at their share, teach the stage of the words they bring; at 0 they do not", () => {
    // An invented word in four Chinese lines logged as business/referral; the business role alone reads acquisition.
    const lines = (stageShare: number): TrainingExample[] =>
      ["兹博拉特计划第二期，已发出30份", "整理兹博拉特名单，共12人", "兹博拉特奖励本周发放", "推进兹博拉特，新增5位"]
        .map((text) => ({ text, role: "business", stage: "referral", weight: 1.5, augment: true, stageShare }));
    const probe = (stageShare: number) => buildModel([...BASE, ...lines(stageShare)], { frozen: true }).classify("兹博拉特");
    const none = probe(0), some = probe(AUGMENT_STAGE_SHARE.zh);
    assert.equal(none.role, "business");
    assert.notEqual(none.stage, "referral");
    assert.equal(some.role, "business");
    assert.equal(some.stage, "referral");
  });

  it("teach the stage head at their language's share: Chinese lines some, English lines none", () => {
    const zh = { text: "回复社区帖子32条", lang: "zh", role: "community", stage: "activation", source: "https://example.com/a" };
    const en = { text: "Replied to 32 forum threads", lang: "en", role: "community", stage: "activation", source: "https://example.com/a" };
    assert.equal(trainingExample(zh, "real/translation.jsonl", 1)?.stageShare, AUGMENT_STAGE_SHARE.zh);
    assert.equal(trainingExample(en, "real/translation.jsonl", 1)?.stageShare, AUGMENT_STAGE_SHARE.en);
    assert.ok(AUGMENT_STAGE_SHARE.zh > 0 && AUGMENT_STAGE_SHARE.zh < 1 && AUGMENT_STAGE_SHARE.en === 0);
    // Without a lang field the text decides: a line with Chinese characters is Chinese.
    const { lang: _, ...bare } = zh;
    assert.equal(trainingExample(bare, "real/paraphrase.jsonl", 1)?.stageShare, AUGMENT_STAGE_SHARE.zh);
  });
});
