// Validates the real operators' lines: every line is a well-formed training entry, and the hold-out is honest: no
// repository or site has lines on both sides (a writer's style never sits in training and in the hold-out), and no
// text is in both files.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { isRoleKey, isStageKey } from "../../types";

interface RealLine { text: string; lang: string; role: string; stage: string; source: string }

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

/** The writer a source stands for: a GitHub repository, a repository file's `owner/repo`, or a web site's host. */
function sourceGroup(source: string): string {
  const github = /^https?:\/\/github\.com\/([^/#?]+)\/([^/#?]+)/i.exec(source);
  if (github) return `${github[1]}/${github[2]}`.toLowerCase();
  const file = /^([\w.-]+\/[\w.-]+):/.exec(source);
  if (file) return file[1].toLowerCase();
  if (/^https?:\/\//i.test(source)) return new URL(source).hostname.toLowerCase();
  return source;
}

const normalised = (text: string) => text.normalize("NFKC").toLowerCase().replace(/[\p{P}\p{S}\s]+/gu, "");

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

test("no text is in both training and hold-out (after NFKC, case, punctuation and spaces)", () => {
  const trainTexts = new Set(train.map((line) => normalised(line.text)));
  const both = holdout.filter((line) => trainTexts.has(normalised(line.text))).map((line) => line.text);
  assert.deepEqual(both, []);
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
