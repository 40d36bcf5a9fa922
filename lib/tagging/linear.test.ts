import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type BuildOverrides, buildModel, checkBuildOverrides, TAXONOMY } from ".";
import { DEFAULT_BUILD } from "./base-model";
import { bagSeeds, type LinearHead, makeRandom, type SparseDoc, trainOne, trainSoftmax, type TrainOptions } from "./linear";

const FEATURES = 40;
const CLASSES = 4;

/** 120 sparse documents whose label leans on a few features each (deterministic, a few ms to train on). */
function syntheticDocs(): SparseDoc[] {
  const random = makeRandom(7);
  return Array.from({ length: 120 }, (_, i) => {
    const label = i % CLASSES;
    const ids = new Set<number>([label * 10 + Math.floor(random() * 10)]);
    while (ids.size < 5) ids.add(Math.floor(random() * FEATURES));
    const sorted = [...ids].sort((a, b) => a - b);
    return { ids: Int32Array.from(sorted), values: Float32Array.from(sorted, () => 0.5 + random()), label, weight: 1 };
  });
}

const DOCS = syntheticDocs();
const OPTS: TrainOptions = { epochs: 3, learningRate: 0.5, l2: 1e-5, seed: 11 };

/** Euclidean distance between two heads' weights and biases. */
function distance(a: LinearHead, b: LinearHead): number {
  let sum = 0;
  for (let i = 0; i < a.weights.length; i++) sum += (a.weights[i] - b.weights[i]) ** 2;
  for (let c = 0; c < a.classes; c++) sum += (a.bias[c] - b.bias[c]) ** 2;
  return Math.sqrt(sum);
}

describe("bagged softmax heads (train.bags)", () => {
  it("trains one head when bags is 1 or absent: the single head of the seed, as before bags", () => {
    const single = trainOne(DOCS, FEATURES, CLASSES, OPTS.seed, OPTS);
    assert.deepStrictEqual(trainSoftmax(DOCS, FEATURES, CLASSES, OPTS), single);
    assert.deepStrictEqual(trainSoftmax(DOCS, FEATURES, CLASSES, { ...OPTS, bags: 1 }), single);
  });

  it("averages the weights and biases of heads trained on distinct seeds, deterministically", () => {
    const opts = { ...OPTS, bags: 3 };
    const seeds = bagSeeds(opts);
    assert.equal(new Set(seeds).size, 3, `distinct seeds ${seeds}`);
    assert.equal(seeds[0], OPTS.seed);
    const heads = seeds.map((seed) => trainOne(DOCS, FEATURES, CLASSES, seed, opts));
    // Different seeds shuffle differently: the heads differ, so their mean is not any one of them.
    assert.ok(distance(heads[0], heads[1]) > 1e-3 && distance(heads[1], heads[2]) > 1e-3);
    const bagged = trainSoftmax(DOCS, FEATURES, CLASSES, opts);
    assert.deepStrictEqual(trainSoftmax(DOCS, FEATURES, CLASSES, opts), bagged, "deterministic");
    for (let i = 0; i < bagged.weights.length; i++) {
      const mean = (heads[0].weights[i] + heads[1].weights[i] + heads[2].weights[i]) / 3;
      assert.ok(Math.abs(bagged.weights[i] - mean) <= 1e-5 * (1 + Math.abs(mean)), `weight ${i}: ${bagged.weights[i]} vs mean ${mean}`);
    }
    for (let c = 0; c < CLASSES; c++) {
      const mean = (heads[0].bias[c] + heads[1].bias[c] + heads[2].bias[c]) / 3;
      assert.ok(Math.abs(bagged.bias[c] - mean) <= 1e-5 * (1 + Math.abs(mean)), `bias ${c}: ${bagged.bias[c]} vs mean ${mean}`);
    }
    assert.ok(distance(bagged, heads[0]) > 1e-4);
  });

  it("moves less with the seed than a single head does", () => {
    // Mean distance between the heads of seeds s and s + 1, over a few s: bagging five heads shrinks it.
    const spread = (bags: number) => {
      let total = 0;
      for (let s = 1; s <= 4; s++) {
        total += distance(
          trainSoftmax(DOCS, FEATURES, CLASSES, { ...OPTS, seed: s, bags }),
          trainSoftmax(DOCS, FEATURES, CLASSES, { ...OPTS, seed: s + 1, bags }),
        );
      }
      return total / 4;
    };
    const one = spread(1);
    const five = spread(5);
    assert.ok(five < 0.7 * one, `spread with 5 bags ${five} vs 1 bag ${one}`);
  });

  it("refuses a count of bags that is not an integer ≥ 1", () => {
    for (const bags of [0, -1, 2.5, Number.NaN]) assert.throws(() => bagSeeds({ seed: 1, bags }), RangeError, String(bags));
  });
});

describe("train options through buildModel", () => {
  const examples = TAXONOMY.canonicalExamples;
  const texts = ["公众号推文阅读量3000", "Triaged 20 bug reports", "拉新活动复盘 + 邀请返现", "Posted the meetup recap on our forum"];
  const confidences = (build?: BuildOverrides) => {
    const m = buildModel(examples, { frozen: true, build });
    return texts.map((t) => m.classify(t).confidence);
  };

  it("merges train overrides over the default's (a seed alone keeps the default's epochs and bags)", () => {
    const byDefault = confidences();
    assert.deepStrictEqual(confidences({ train: { seed: DEFAULT_BUILD.train.seed } }), byDefault);
    assert.notDeepStrictEqual(confidences({ train: { bags: 1 } }), byDefault, "bags reaches the heads");
  });

  it("checks command-line build options against the default's", () => {
    assert.deepStrictEqual(checkBuildOverrides({ train: { seed: 2, bags: 1 }, jointWeight: 0 }), { train: { seed: 2, bags: 1 }, jointWeight: 0 });
    const bad: [unknown, RegExp][] = [
      [[1], /not a JSON object/],
      ["x", /not a JSON object/],
      [{ trian: { seed: 2 } }, /unknown build option trian/],
      [{ train: { sede: 2 } }, /unknown build option train\.sede/],
      [{ train: 5 }, /train: not a JSON object/],
      [{ train: { bags: "5" } }, /train\.bags must be a finite number/],
      [{ purposes: 1 }, /purposes must be a boolean/],
      [{ taxonomyVersion: "x" }, /unknown build option taxonomyVersion/],
    ];
    for (const [value, message] of bad) assert.throws(() => checkBuildOverrides(value), message, JSON.stringify(value));
  });
});
