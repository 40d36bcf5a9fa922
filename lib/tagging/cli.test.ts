import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, it } from "node:test";

const ROOT = path.resolve(__dirname, "../..");

function run(script: string, args: string[], input = "", env: Record<string, string> = {}) {
  // A generous limit: a CLI run is a few seconds of CPU, but at load 25 with two test files at a time one took over 60 s.
  const loader = script.endsWith(".mjs") ? [] : ["--import", "tsx"];
  const result = spawnSync(process.execPath, [...loader, path.join(ROOT, script), ...args], {
    cwd: ROOT, input, encoding: "utf8", timeout: 180_000, env: { ...process.env, ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("tag CLI", () => {
  it("tags good lines in order, reports bad ones with their line number and exits 1", () => {
    const input = [
      JSON.stringify({ id: "a", text: "回复社区帖子32条" }),
      "",
      "{not json",
      JSON.stringify({ id: "b" }),
      JSON.stringify({ id: "c", text: "   " }),
      JSON.stringify({ id: "d", text: 42 }),
      JSON.stringify({ id: "e", text: "Ran the Tuesday live class, 140 attendees" }),
    ].join("\n");
    const { code, stdout, stderr } = run("scripts/tag.ts", [], input + "\n");
    assert.equal(code, 1);
    const rows = stdout.trim().split("\n").map((line) => JSON.parse(line));
    assert.deepEqual(rows.map((r) => r.id), ["a", "e"]);
    assert.equal(rows[0].role, "community");
    assert.equal(rows[1].role, "activity");
    assert.ok(rows.every((r) => r.explanation === undefined && typeof r.needsReview === "boolean"));
    for (const line of [3, 4, 5, 6]) assert.match(stderr, new RegExp(`:${line}:`));
    assert.doesNotMatch(stderr, /:2:/, "blank lines are skipped silently");
  });

  it("explains with --explain and learns corrections first with --learn", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "opsmix-tag-"));
    const learn = path.join(dir, "learn.jsonl");
    writeFileSync(learn, JSON.stringify({ text: "在抖音直播带课,在线800人", role: "activity", stage: "activation" }) + "\n");
    const input = JSON.stringify({ id: 1, text: "抖音直播带课第二场,在线900人" }) + "\n";
    const plain = JSON.parse(run("scripts/tag.ts", ["--explain"], input).stdout);
    assert.equal(plain.role, "new_media");
    assert.ok(Array.isArray(plain.explanation.roleCues));
    const taught = run("scripts/tag.ts", ["--learn", learn, "--explain", "--threshold", "0"], input);
    assert.equal(taught.code, 0);
    const row = JSON.parse(taught.stdout);
    assert.equal(row.role, "activity");
    assert.equal(row.explanation.nearest.source, "team");
    assert.equal(row.needsReview, false, "--threshold 0 flags nothing the model recognises");
  });

  it("reports bad correction lines by file and line, and still tags", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "opsmix-tag-"));
    const learn = path.join(dir, "learn.jsonl");
    writeFileSync(learn, [
      JSON.stringify({ text: "在抖音直播带课,在线800人", role: "activity", stage: "activation" }),
      JSON.stringify({ text: "x", role: "ceo", stage: "activation" }),
    ].join("\n"));
    const { code, stdout, stderr } = run("scripts/tag.ts", ["--learn", learn], JSON.stringify({ id: 1, text: "抖音直播带课第二场" }));
    assert.equal(code, 1);
    assert.match(stderr, /learn\.jsonl:2: .*role/);
    assert.equal(JSON.parse(stdout).role, "activity");
  });
});

describe("tag CLI as npm runs it (scripts/tag.mjs: a cached bundle of scripts/tag.ts)", () => {
  it("writes what scripts/tag.ts writes, and never runs a bundle that is stale or damaged", () => {
    const cache = mkdtempSync(path.join(tmpdir(), "opsmix-tag-bundle-"));
    const env = { OPSMIX_TAG_BUNDLE: cache };
    const input = [
      JSON.stringify({ id: "a", text: "回复社区帖子32条" }),
      "{not json",
      JSON.stringify({ id: 7, text: "Ran the Tuesday live class, 140 attendees" }),
    ].join("\n") + "\n";
    const expected = run("scripts/tag.ts", ["--explain"], input);
    assert.equal(expected.code, 1);
    const same = (what: string) => {
      const got = run("scripts/tag.mjs", ["--explain"], input, env);
      assert.deepEqual(got, expected, what);
    };
    same("built");
    const bundles = () => readdirSync(cache).filter((name) => name.endsWith(".cjs"));
    assert.equal(bundles().length, 1);
    same("cached");
    const bundle = path.join(cache, bundles()[0]);
    const manifestFile = path.join(cache, "manifest.json");
    const manifest = JSON.parse(readFileSync(manifestFile, "utf8")) as { key: string; inputs: string[] };
    assert.ok(manifest.inputs.includes("scripts/tag.ts") && manifest.inputs.includes("lib/tagging/model.ts"));
    // Damaged bytes under a current key: rebuilt.
    writeFileSync(bundle, 'process.stdout.write("stale\\n");');
    same("damaged");
    // A whole bundle under a key its inputs no longer hash to (as after an edit of a source): rebuilt.
    const stale = readFileSync(bundle, "utf8").replace('"community"', '"stale"');
    writeFileSync(bundle, stale);
    const digest = createHash("sha256").update(stale).digest("hex");
    writeFileSync(manifestFile, JSON.stringify({ ...manifest, inputs: [...manifest.inputs, "package-lock.json"], bundle: digest }));
    same("stale");
    // Without a cache it runs through tsx.
    assert.deepEqual(run("scripts/tag.mjs", ["--explain"], input, { OPSMIX_TAG_BUNDLE: "off" }), expected);
  });
});

describe("eval CLI", () => {
  it("prints accuracy, macro-F1, confusion and review share, and exits 0", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "opsmix-eval-"));
    const file = path.join(dir, "set.jsonl");
    const rows = [
      { text: "回复社区帖子32条", role: "community", stage: "activation" },
      { text: "Ran the Tuesday live class, 140 attendees", role: "activity", stage: "activation" },
      { text: "百度SEM调价,今日消耗2000", role: "marketing", stage: "acquisition" },
      { text: "整理用户反馈40条给产品经理", role: "product", stage: "retention" },
    ];
    writeFileSync(file, rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
    const { code, stdout } = run("scripts/eval.ts", [file, "--cv", "2"]);
    assert.equal(code, 0);
    for (const heading of [/role: accuracy/, /stage: accuracy/, /macro-F1/, /confusion/, /needs review/]) assert.match(stdout, heading);
    // Per-language figures (lang from the text when the line has none) and the flag-rate / catch-rate curve.
    assert.match(stdout, /zh: +3 entries/);
    assert.match(stdout, /en: +1 entries/);
    assert.match(stdout, /flag the least confident: (\d+\.\d% → \d+\.\d%, ){5}\d+\.\d% → \d+\.\d%/);
  });
});
