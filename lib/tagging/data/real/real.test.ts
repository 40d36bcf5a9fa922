// Validates the real operators' lines: every line is a well-formed training entry, and the hold-out is honest: no
// repository or site has lines on both sides (a writer's style never sits in training and in the hold-out), and no
// text is in both files.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { readTrainingFile, REAL_SOURCE_CAP, REAL_WEIGHT } from "../../examples/data-files";
import { comparableText, organisation, sourceGroup } from "../../examples/writers";
import { isRoleKey, isStageKey } from "../../types";

interface RealLine { text: string; lang: string; role: string; stage: string; source: string; of?: string }

function read(file: string): RealLine[] {
  return readFileSync(path.join(__dirname, file), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line, i) => {
      try {
        return JSON.parse(line) as RealLine;
      } catch {
        throw new Error(`${file}:${i + 1} is not JSON`);
      }
    });
}

const train = read("train.jsonl");
const holdout = read("holdout.jsonl");

test("every real line has a text, a known language, a role and a stage by GUIDE.md's keys, and its source", () => {
  for (const [file, lines] of [["train.jsonl", train], ["holdout.jsonl", holdout]] as const) {
    for (const [i, line] of lines.entries()) {
      const where = `${file}:${i + 1}`;
      assert.ok(typeof line.text === "string" && line.text.trim() !== "", `${where}: empty text`);
      assert.ok(line.lang === "zh" || line.lang === "en", `${where}: lang ${line.lang}`);
      assert.ok(isRoleKey(line.role), `${where}: role ${line.role}`);
      assert.ok(isStageKey(line.stage), `${where}: stage ${line.stage}`);
      assert.ok(typeof line.source === "string" && line.source !== "", `${where}: no source`);
    }
  }
});

test("no repository or site has lines on both sides of the split", () => {
  const trainGroups = new Set(train.map((line) => sourceGroup(line.source)));
  const shared = [...new Set(holdout.map((line) => sourceGroup(line.source)))].filter((group) => trainGroups.has(group));
  assert.deepEqual(shared, []);
});

test("no organisation (GitHub owner, web site's domain) has lines on both sides: its writers likely overlap", () => {
  const trainOrganisations = new Map(train.map((line) => [organisation(sourceGroup(line.source)), sourceGroup(line.source)]));
  const shared = [...new Set(holdout.map((line) => sourceGroup(line.source)))]
    .filter((group) => trainOrganisations.has(organisation(group)))
    .map((group) => `${group} (holdout) and ${trainOrganisations.get(organisation(group))} (train)`);
  assert.deepEqual(shared, []);
});

test("organisations are read as GitHub owners and registrable domains", () => {
  assert.equal(organisation(sourceGroup("https://github.com/CloudWeGo/community/issues/1")), "cloudwego");
  assert.equal(organisation(sourceGroup("cloudwego/cloudwego.github.io:content/zh/blog/a.md")), "cloudwego");
  assert.equal(organisation(sourceGroup("https://wiki.ubuntu.com/Membership")), organisation(sourceGroup("https://fridge.ubuntu.com/x")));
  assert.equal(organisation(sourceGroup("https://ubuntu.com/community")), "ubuntu");
  assert.equal(organisation(sourceGroup("https://discourse.nixos.org/t/1")), organisation(sourceGroup("https://github.com/NixOS/marketing/issues/3")));
  assert.equal(organisation(sourceGroup("http://www.suet.edu.cn/a")), "suet");
  assert.notEqual(organisation(sourceGroup("https://a.wordpress.com/x")), organisation(sourceGroup("https://b.wordpress.com/y")));
  assert.notEqual(organisation(sourceGroup("https://a.blogspot.com/x")), organisation(sourceGroup("https://github.com/blogspot/x")));
  // Other code hosts and GitHub proxies by repository; a port is not part of the site; an owner's second account.
  assert.equal(sourceGroup("https://gitlab.com/inkscape/vectors/general/-/issues/266"), "inkscape/vectors");
  assert.notEqual(organisation(sourceGroup("https://gitlab.com/gitlab-org/x/-/issues/1")), organisation(sourceGroup("https://gitlab.com/inkscape/y")));
  assert.equal(sourceGroup("https://gitee.com/Owner/Repo/issues/1"), "owner/repo");
  assert.equal(sourceGroup("https://github.zerozr99.workers.dev/open-telemetry/sig-contributor-experience/issues/38"), "open-telemetry/sig-contributor-experience");
  assert.equal(sourceGroup("https://www.github.com/CloudWeGo/community/"), "cloudwego/community");
  assert.equal(sourceGroup("https://github.com/owner/中文仓库/issues/1"), "owner/中文仓库");
  assert.equal(sourceGroup("http://example.com:8080/a"), sourceGroup("https://example.com/b"));
  assert.equal(organisation(sourceGroup("http://61.161.132.146:8080/pub/a.html")), "61.161.132.146");
  assert.notEqual(organisation(sourceGroup("http://10.0.132.1/a")), organisation(sourceGroup("http://10.1.132.2/a")));
  assert.equal(organisation(sourceGroup("https://github.com/ropensci-archive/roweb2/pull/580")), "ropensci");
  assert.equal(organisation(sourceGroup("https://www.python.org/psf/")), organisation(sourceGroup("https://wiki.python.org/moin/")));
  assert.equal(sourceGroup("https://exa mple.com/not a url"), "https://exa mple.com/not a url");
});

test("no text is in both training and hold-out (after NFKC, case, punctuation and spaces)", () => {
  const trainTexts = new Set(train.map((line) => comparableText(line.text)));
  const both = holdout.filter((line) => trainTexts.has(comparableText(line.text))).map((line) => line.text);
  assert.deepEqual(both, []);
});

// Lines made from training lines: rewordings (same language) and translations (the other language).
const MADE = [["paraphrase.jsonl", "same"], ["translation.jsonl", "other"]] as const;

test("paraphrase.jsonl and translation.jsonl remake training lines only: each keeps its original's labels and source, no text from either file or from each other", () => {
  const originals = new Map(train.map((line) => [line.text, line]));
  const trainSources = new Set(train.map((line) => line.source));
  const taken = new Set([...train, ...holdout].map((line) => comparableText(line.text)));
  const heldOrganisations = new Set(holdout.map((line) => organisation(sourceGroup(line.source))));
  const seen = new Set<string>();
  for (const [file, language] of MADE) {
    const made = read(file);
    assert.ok(made.length > 0, `${file} is empty`);
    for (const [i, line] of made.entries()) {
      const where = `${file}:${i + 1}`;
      assert.ok(typeof line.text === "string" && line.text.trim() !== "", `${where}: empty text`);
      assert.ok(line.lang === "zh" || line.lang === "en", `${where}: lang ${line.lang}`);
      assert.ok(isRoleKey(line.role) && isStageKey(line.stage), `${where}: labels ${line.role}/${line.stage}`);
      const original = originals.get(line.of ?? "");
      assert.ok(original, `${where}: "of" is not a training line's text`);
      assert.deepEqual([line.role, line.stage, line.source], [original.role, original.stage, original.source], `${where}: not its original's labels and source`);
      if (language === "other") assert.notEqual(line.lang, original.lang, `${where}: a translation in its original's language`);
      else assert.equal(line.lang, original.lang, `${where}: a rewording in another language than its original's`);
      // Its lang is its text's: Chinese has Chinese characters; English may name a Chinese account or brand, no more.
      const han = (line.text.match(/\p{Script=Han}/gu) ?? []).length;
      const words = (line.text.match(/[A-Za-z]+/g) ?? []).length;
      assert.ok(line.lang === "zh" ? han > 0 : han <= words, `${where}: lang ${line.lang} for "${line.text}"`);
      // Its source is a training line's: it sits in that line's CV fold and never beside a hold-out organisation.
      assert.ok(trainSources.has(line.source), `${where}: source ${line.source} is no training line's`);
      assert.ok(!heldOrganisations.has(organisation(sourceGroup(line.source))), `${where}: a hold-out organisation`);
      const key = comparableText(line.text);
      assert.ok(!taken.has(key), `${where}: the text of a real line`);
      assert.ok(!seen.has(key), `${where}: repeated`);
      seen.add(key);
    }
  }
});

test("SOURCES.md's counts and distribution of all lines are the files' (lines lost or added without SOURCES.md show here)", () => {
  const sources = readFileSync(path.join(__dirname, "SOURCES.md"), "utf8");
  const all = [...train, ...holdout];
  const head = /hold (\d+) lines written by real people on the public web \(zh (\d+), en (\d+)\)/.exec(sources);
  assert.ok(head, "SOURCES.md states how many lines the files hold");
  assert.deepEqual(
    head.slice(1).map(Number),
    [all.length, all.filter((l) => l.lang === "zh").length, all.filter((l) => l.lang === "en").length],
    "lines (zh, en) in train.jsonl + holdout.jsonl",
  );
  const trainCount = /`train\.jsonl` has (\d+) lines/.exec(sources);
  assert.equal(Number(trainCount?.[1]), train.length, "train.jsonl lines");
  const holdoutCount = /`holdout\.jsonl` \((\d+) lines: zh (\d+), en (\d+)/.exec(sources);
  assert.deepEqual(
    holdoutCount?.slice(1).map(Number),
    [holdout.length, holdout.filter((l) => l.lang === "zh").length, holdout.filter((l) => l.lang === "en").length],
    "holdout.jsonl lines (zh, en)",
  );
  // The first table, "Distribution (all lines)": role rows of counts per stage and a total.
  const table = sources.slice(sources.indexOf("## Distribution (all lines)")).split("\n## ")[0];
  const stages = ["acquisition", "connection", "activation", "retention", "referral"];
  for (const row of table.split("\n").filter((l) => /^\| [a-z_]+ \| \d/.test(l))) {
    const [role, ...counts] = row.split("|").map((c) => c.trim()).filter((c) => c !== "");
    const inFiles = stages.map((s) => all.filter((l) => (role === "total" || l.role === role) && l.stage === s).length);
    assert.deepEqual(counts.map(Number), [...inFiles, inFiles.reduce((a, b) => a + b, 0)], `SOURCES.md row ${role}`);
  }
});

test("no repository or site weighs more than REAL_SOURCE_CAP lines in training, and smaller ones keep full weight", () => {
  const examples = readTrainingFile(path.join(__dirname, ".."), "real/train.jsonl");
  assert.equal(examples.length, train.length, "every training line is read");
  const weight = new Map<string, number>();
  const lines = new Map<string, number>();
  train.forEach((line, i) => {
    const group = sourceGroup(line.source);
    weight.set(group, (weight.get(group) ?? 0) + (examples[i].weight ?? 1));
    lines.set(group, (lines.get(group) ?? 0) + 1);
  });
  for (const [group, n] of lines) {
    const expected = REAL_WEIGHT * Math.min(n, REAL_SOURCE_CAP);
    assert.ok(Math.abs((weight.get(group) ?? 0) - expected) < 1e-6, `${group}: ${n} lines weigh ${weight.get(group)}, not ${expected}`);
  }
  assert.ok([...lines.values()].some((n) => n > REAL_SOURCE_CAP), "some source is over the cap (else the test checks nothing)");
});
