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
