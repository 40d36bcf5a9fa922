import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { baseTrainingExamples, TAXONOMY, TAXONOMY_VERSION } from ".";
import { type BuildOptions, DEFAULT_BUILD, type TrainingExample } from "./base-model";
import { EXAMPLE_BANK } from "./examples";
import { dataDirectory, readTrainingFile, trainingFileSet } from "./examples/data-files";
import { cachedBaseModel, cacheKey, readModelFile, sourceFingerprint } from "./model-cache";
import { Model } from "./model";

const OPTIONS: BuildOptions = { ...DEFAULT_BUILD, taxonomyVersion: TAXONOMY_VERSION };
const scratch = mkdtempSync(path.join(os.tmpdir(), "opsmix-model-cache-test-"));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** A small training set (the taxonomy's own examples and a slice of the bank): builds in a fraction of a second. */
const SMALL: TrainingExample[] = [...TAXONOMY.canonicalExamples, ...EXAMPLE_BANK.slice(0, 200)];

function freshDir(name: string): string {
  const dir = path.join(scratch, name);
  rmSync(dir, { recursive: true, force: true });
  return dir;
}

describe("base model cache", () => {
  it("gives a model that tags, explains and learns exactly as the freshly built one", () => {
    const dir = freshDir("full");
    const examples = baseTrainingExamples();
    const built = cachedBaseModel(examples, OPTIONS, { dir });
    assert.equal(built.outcome, "built");
    const loaded = cachedBaseModel(examples, OPTIONS, { dir });
    assert.equal(loaded.outcome, "loaded");
    assert.notEqual(loaded.model, built.model);
    assert.deepStrictEqual(loaded.model, built.model);

    const fresh = new Model(built.model, undefined, true);
    const cached = new Model(loaded.model, undefined, true);
    const texts = [
      ...examples.filter((_, i) => i % 5 === 0).map((e) => e.text),
      "", "   ", "🎉", "x", "回复社区帖子32条", "Posted the launch thread on LinkedIn and replied to 40 comments",
    ];
    for (const text of texts) assert.deepStrictEqual(cached.classify(text), fresh.classify(text), text);
    // Teams fork the base and learn on top of it: the same corrections give the same team model.
    const freshTeam = fresh.fork();
    const cachedTeam = cached.fork();
    EXAMPLE_BANK.slice(0, 30).forEach((e, i) => {
      const correction = { text: e.text, role: i % 2 ? e.role : "community", stage: i % 3 ? e.stage : "activation" } as const;
      freshTeam.learn(correction);
      cachedTeam.learn(correction);
    });
    for (const text of texts.slice(0, 400)) assert.deepStrictEqual(cachedTeam.classify(text), freshTeam.classify(text), text);
  });

  it("keys the file by every input: examples, labels, weights, options and source files", () => {
    const key = cacheKey(SMALL, OPTIONS, "sources");
    assert.equal(cacheKey([...SMALL], { ...OPTIONS }, "sources"), key);
    const changed: [string, string | null][] = [
      ["a text", cacheKey(SMALL.map((e, i) => (i === 7 ? { ...e, text: `${e.text}!` } : e)), OPTIONS, "sources")],
      ["a role", cacheKey(SMALL.map((e, i) => (i === 7 ? { ...e, role: e.role === "user" ? "content" : "user" } : e)), OPTIONS, "sources")],
      ["a stage", cacheKey(SMALL.map((e, i) => (i === 7 ? { ...e, stage: e.stage === "retention" ? "referral" : "retention" } : e)), OPTIONS, "sources")],
      ["a weight", cacheKey(SMALL.map((e, i) => (i === 7 ? { ...e, weight: 3 } : e)), OPTIONS, "sources")],
      ["one example more", cacheKey([...SMALL, SMALL[0]], OPTIONS, "sources")],
      ["one example less", cacheKey(SMALL.slice(1), OPTIONS, "sources")],
      ["the options", cacheKey(SMALL, { ...OPTIONS, train: { ...OPTIONS.train, epochs: 11 } }, "sources")],
      ["the bags", cacheKey(SMALL, { ...OPTIONS, train: { ...OPTIONS.train, bags: (OPTIONS.train.bags ?? 1) + 1 } }, "sources")],
      ["the seed", cacheKey(SMALL, { ...OPTIONS, train: { ...OPTIONS.train, seed: OPTIONS.train.seed + 1 } }, "sources")],
      ["the sources", cacheKey(SMALL, OPTIONS, "sources2")],
    ];
    for (const [what, other] of changed) assert.notEqual(other, key, what);
    assert.equal(cacheKey(SMALL, OPTIONS, null), null, "no sources found: nothing is cached");

    // The source fingerprint covers every engine file (not the tests): an edit or a new file changes it.
    const copy = path.join(scratch, "sources");
    rmSync(copy, { recursive: true, force: true });
    cpSync(__dirname, copy, { recursive: true, filter: (f) => !f.includes(`${path.sep}data${path.sep}`) });
    const before = sourceFingerprint(copy);
    assert.equal(sourceFingerprint(copy), before);
    writeFileSync(path.join(copy, "model-cache.test.ts"), "// a test does not change the model\n");
    assert.equal(sourceFingerprint(copy), before);
    const featurizer = path.join(copy, "featurizer.ts");
    writeFileSync(featurizer, readFileSync(featurizer, "utf8").replace("const LEX_VALUE = 0.5;", "const LEX_VALUE = 0.6;"));
    const edited = sourceFingerprint(copy);
    assert.notEqual(edited, before);
    writeFileSync(path.join(copy, "taxonomy", "extra.ts"), "export const X = 1;\n");
    const added = sourceFingerprint(copy);
    assert.notEqual(added, edited);
    const linear = path.join(copy, "linear.ts");
    writeFileSync(linear, readFileSync(linear, "utf8").replace("opts.seed + 1000003 * k", "opts.seed + 1000033 * k"));
    assert.notEqual(sourceFingerprint(copy), added, "the training code (the bags' seeds)");

    // A changed input never reads the old file: it builds and writes its own.
    const dir = freshDir("changed");
    assert.equal(cachedBaseModel(SMALL, OPTIONS, { dir }).outcome, "built");
    assert.equal(cachedBaseModel(SMALL, OPTIONS, { dir }).outcome, "loaded");
    const relabelled = SMALL.map((e, i) => (i === 3 ? { ...e, role: e.role === "user" ? "content" : "user" } as TrainingExample : e));
    assert.equal(cachedBaseModel(relabelled, OPTIONS, { dir }).outcome, "built");
    assert.equal(cachedBaseModel(SMALL, OPTIONS, { dir, sources: "edited sources" }).outcome, "built");
    assert.equal(readdirSync(dir).filter((f) => f.endsWith(".bin")).length, 3);
  });

  it("keys the data files by their bytes, and parses them only to build", () => {
    const data = path.join(scratch, "data");
    rmSync(data, { recursive: true, force: true });
    const source = dataDirectory()!;
    for (const file of ["real/train.jsonl", "bank/k12-edu.jsonl", "bank/holdout.jsonl"]) {
      cpSync(path.join(source, file), path.join(data, file));
    }
    const set = trainingFileSet(data);
    assert.equal(trainingFileSet(data).fingerprint, set.fingerprint);
    assert.deepStrictEqual(set.read(), [
      ...readTrainingFile(data, "bank/k12-edu.jsonl"), ...readTrainingFile(data, "real/train.jsonl"),
    ]);
    const fingerprints: [string, () => void][] = [
      ["a byte of a training file", () => {
        const file = path.join(data, "bank", "k12-edu.jsonl");
        writeFileSync(file, readFileSync(file, "utf8").replace("新学员", "新同学"));
      }],
      ["a new training file", () => writeFileSync(path.join(data, "bank", "extra.jsonl"), "")],
    ];
    let before = set.fingerprint;
    for (const [what, change] of fingerprints) {
      change();
      const after = trainingFileSet(data).fingerprint;
      assert.notEqual(after, before, what);
      before = after;
    }
    writeFileSync(path.join(data, "bank", "holdout.jsonl"), "a hold-out file is never trained on\n");
    assert.equal(trainingFileSet(data).fingerprint, before, "a hold-out file");

    const dir = freshDir("files");
    let reads = 0;
    const training = (fingerprint: string) => ({
      examples: SMALL.slice(0, 150),
      files: { fingerprint, read: () => (reads++, SMALL.slice(150)) },
    });
    assert.notEqual(cacheKey(training("data"), OPTIONS, "sources"), cacheKey(training("data2"), OPTIONS, "sources"));
    assert.notEqual(cacheKey(training("data"), OPTIONS, "sources"), cacheKey(SMALL, OPTIONS, "sources"));
    const built = cachedBaseModel(training("data"), OPTIONS, { dir });
    assert.equal(built.outcome, "built");
    assert.equal(reads, 1);
    assert.deepStrictEqual(built.model, cachedBaseModel(SMALL, OPTIONS, { dir: null }).model, "trained on both parts, in order");
    assert.equal(cachedBaseModel(training("data"), OPTIONS, { dir }).outcome, "loaded");
    assert.equal(reads, 1, "a cached model does not read the files");
    assert.equal(cachedBaseModel(training("data2"), OPTIONS, { dir }).outcome, "built");
  });

  it("rebuilds over a truncated, corrupt or foreign file, and writes a good one", () => {
    const dir = freshDir("damaged");
    const first = cachedBaseModel(SMALL, OPTIONS, { dir });
    assert.equal(first.outcome, "built");
    const file = first.file!;
    const good = readFileSync(file);
    const key = cacheKey(SMALL, OPTIONS)!;
    assert.ok(readModelFile(file, key) !== null);

    const damaged: [string, Buffer | number][] = [
      ["truncated to half", good.length >> 1],
      ["cut by one byte", good.length - 1],
      ["empty", 0],
      ["a byte flipped in the arrays", Buffer.from(good.map((b, i) => (i === good.length - 100 ? b ^ 1 : b)))],
      ["a byte flipped in the header", Buffer.from(good.map((b, i) => (i === 70 ? b ^ 1 : b)))],
      ["not a model file", Buffer.from("hello\n")],
      ["one byte more", Buffer.concat([good, Buffer.from([0])])],
    ];
    for (const [what, damage] of damaged) {
      writeFileSync(file, good);
      if (typeof damage === "number") truncateSync(file, damage);
      else writeFileSync(file, damage);
      assert.equal(readModelFile(file, key), null, what);
      if (what !== "truncated to half" && what !== "a byte flipped in the arrays") continue;
      const again = cachedBaseModel(SMALL, OPTIONS, { dir });
      assert.equal(again.outcome, "built", what);
      assert.deepStrictEqual(readFileSync(file), good, `${what}: rewritten whole`);
      assert.deepStrictEqual(again.model, first.model, what);
      assert.equal(cachedBaseModel(SMALL, OPTIONS, { dir }).outcome, "loaded", what);
    }
    // A good file of another key, put under this key's name, is not trusted either.
    const otherDir = freshDir("other");
    const other = cachedBaseModel(SMALL.slice(5), OPTIONS, { dir: otherDir });
    writeFileSync(file, readFileSync(other.file!));
    assert.equal(readModelFile(file, key), null);
    assert.equal(cachedBaseModel(SMALL, OPTIONS, { dir }).outcome, "built");
  });

  it("builds without caching where the directory cannot be written", () => {
    const blocked = path.join(scratch, "a-file");
    writeFileSync(blocked, "not a directory");
    const result = cachedBaseModel(SMALL, OPTIONS, { dir: path.join(blocked, "cache") });
    assert.equal(result.outcome, "built-uncached");
    assert.equal(result.file, null);
    assert.equal(cachedBaseModel(SMALL, OPTIONS, { dir: null }).outcome, "built-uncached");
  });
});
