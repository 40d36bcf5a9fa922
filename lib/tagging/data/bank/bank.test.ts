// Validates the persona example bank: every line is a well-formed training entry by GUIDE.md's keys,
// the held-out personas never leak into the training files, and translation.jsonl and paraphrase.jsonl are made from
// training personas' lines only.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { isRoleKey, isStageKey } from "../../types";

const dir = __dirname;
const files = readdirSync(dir).filter((name) => name.endsWith(".jsonl")).sort();
const HAN = /[\u4e00-\u9fff]/;
/**
 * Persona lines once in the other language, and English persona lines reworded (PERSONAS.md, session 16): each names
 * its persona and the line it was made from.
 */
const TRANSLATIONS = "translation.jsonl";
const REWORDINGS = "paraphrase.jsonl";
const MADE = [TRANSLATIONS, REWORDINGS];

interface BankLine { text: string; lang: string; role: string; stage: string; source: string; of?: string }

function read(file: string): BankLine[] {
  return readFileSync(path.join(dir, file), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line, i) => {
      try {
        return JSON.parse(line) as BankLine;
      } catch {
        throw new Error(`${file}:${i + 1} is not JSON`);
      }
    });
}

const byFile = new Map(files.map((file) => [file, read(file)]));

test("every bank line has exactly the agreed keys, valid labels and the right language", () => {
  for (const [file, rows] of byFile) {
    assert.ok(rows.length > 0, `${file} is empty`);
    rows.forEach((row, i) => {
      const where = `${file}:${i + 1}`;
      const keys = MADE.includes(file) ? ["lang", "of", "role", "source", "stage", "text"] : ["lang", "role", "source", "stage", "text"];
      assert.deepEqual(Object.keys(row).sort(), keys, where);
      assert.ok(isRoleKey(row.role), `${where} role ${row.role}`);
      assert.ok(isStageKey(row.stage), `${where} stage ${row.stage}`);
      assert.equal(row.lang, HAN.test(row.text) ? "zh" : "en", `${where} lang`);
      assert.match(row.source, /^persona:[a-z0-9-]+$/, where);
      if (row.lang === "zh") assert.ok(row.text.length >= 4 && row.text.length <= 60, `${where} length`);
      else {
        const words = row.text.split(/\s+/).length;
        assert.ok(words >= 3 && words <= 25, `${where} words`);
      }
    });
  }
});

test("a persona file holds only its own persona, and no text appears twice in the bank", () => {
  const seen = new Map<string, string>();
  for (const [file, rows] of byFile) {
    for (const row of rows) {
      if (file !== "holdout.jsonl" && !MADE.includes(file)) assert.equal(row.source, `persona:${file.replace(/\.jsonl$/, "")}`, file);
      assert.ok(!seen.has(row.text), `"${row.text}" in ${file} and ${seen.get(row.text)}`);
      seen.set(row.text, file);
    }
  }
});

test("held-out personas are whole and never in a training file", () => {
  const held = new Set((byFile.get("holdout.jsonl") ?? []).map((row) => row.source));
  assert.ok(held.size >= 3, "at least three whole personas are held out");
  for (const source of held) assert.ok(!files.includes(`${source.slice("persona:".length)}.jsonl`), source);
  const all = [...byFile].filter(([file]) => !MADE.includes(file)).flatMap(([, rows]) => rows).length;
  const share = (byFile.get("holdout.jsonl") ?? []).length / all;
  assert.ok(share >= 0.1 && share <= 0.25, `held-out share ${share.toFixed(2)}`);
});

for (const file of MADE) {
  const translated = file === TRANSLATIONS;
  const what = translated ? "renders one line of a training persona in the other language" : "rewords one line of a training persona";
  test(`each line of ${file} ${what}, with its labels`, () => {
    const rows = byFile.get(file) ?? [];
    assert.ok(rows.length > 0, `${file} is missing`);
    const done = new Set<string>();
    rows.forEach((row, i) => {
      const where = `${file}:${i + 1}`;
      const persona = `${row.source.slice("persona:".length)}.jsonl`;
      assert.ok(persona !== "holdout.jsonl" && !MADE.includes(persona) && byFile.has(persona), `${where}: no training persona ${row.source}`);
      const original = byFile.get(persona)!.find((line) => line.text === row.of);
      assert.ok(original !== undefined, `${where}: "${row.of}" is not a line of ${persona}`);
      if (translated) assert.notEqual(row.lang, original.lang, `${where}: not translated`);
      else assert.equal(row.lang, original.lang, `${where}: not in the original's language`);
      assert.equal(row.role, original.role, `${where} role`);
      assert.equal(row.stage, original.stage, `${where} stage`);
      assert.ok(!done.has(row.of!), `${where}: "${row.of}" made twice`);
      done.add(row.of!);
    });
  });
}
