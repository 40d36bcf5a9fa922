// The cross-validation folds (scripts/cv-lines.ts) are stable and honest: a group's fold depends on its name alone, so
// a new group (a data batch) or a dropped one moves no other group, and every organisation of the real lines (so every
// repository or site) sits whole in one fold.
import assert from "node:assert/strict";
import { test } from "node:test";
import { organisation, sourceGroup } from "../lib/tagging/examples/writers";
import { assignFolds, type Line, readLines } from "./cv-lines";

const K = 5;
const lines = readLines();

test("adding or removing a group leaves every other group's fold unchanged", () => {
  const before = assignFolds(lines, K);
  const sizes = new Map<string, number>();
  for (const l of lines) sizes.set(l.group, (sizes.get(l.group) ?? 0) + 1);
  const largest = [...sizes].sort((a, b) => b[1] - a[1])[0][0];
  // A new site with many lines (more than any fold's share would absorb quietly under a largest-first dealing).
  const batch: Line[] = Array.from({ length: 400 }, (_, i) => ({
    text: `line ${i}`, role: "content", stage: "acquisition", lang: "en", source: `https://example.org/${i}`, group: "example",
    domain: "real",
  }));
  const changes = [
    ["added example.org", assignFolds([...lines, ...batch], K)],
    [`removed ${largest}`, assignFolds(lines.filter((l) => l.group !== largest), K)],
  ] as const;
  for (const [change, after] of changes) {
    const moved = [...before].filter(([group, fold]) => after.has(group) && after.get(group) !== fold).map(([group]) => group);
    assert.deepEqual(moved, [], `${change}: ${moved.length} other groups changed fold`);
  }
});

test("no organisation, repository or site of the real lines has lines in two folds", () => {
  const fold = assignFolds(lines, K);
  for (const [unit, writer] of [["repository or site", sourceGroup], ["organisation", (s: string) => organisation(sourceGroup(s))]] as const) {
    const seen = new Map<string, Set<number>>();
    for (const l of lines) {
      if (l.domain !== "real") continue;
      const w = writer(l.source);
      seen.set(w, (seen.get(w) ?? new Set()).add(fold.get(l.group) as number));
    }
    const split = [...seen].filter(([, folds]) => folds.size > 1).map(([w]) => w);
    assert.deepEqual(split, [], `${unit} in two folds`);
    assert.ok(seen.size > 100, `${seen.size} of them: the real lines were not read`);
  }
});

test("every fold holds a reasonable share of each domain's lines", () => {
  const fold = assignFolds(lines, K);
  for (const domain of ["real", "bank"] as const) {
    const sizes = new Array(K).fill(0);
    for (const l of lines) if (l.domain === domain) sizes[fold.get(l.group) as number]++;
    const total = sizes.reduce((a, b) => a + b, 0);
    for (const n of sizes) assert.ok(n > total / K / 2, `${domain} folds ${sizes.join(" / ")}: one holds under half its share`);
  }
});

test("a line made from another (rewording, translation) trains in its original's fold", () => {
  const fold = assignFolds(lines, K);
  const foldOfText = new Map<string, number>();
  for (const l of lines) if (l.domain !== "augment") foldOfText.set(l.text, fold.get(l.group) as number);
  let bank = 0;
  for (const l of lines) {
    if (l.domain !== "augment" || l.of === undefined || !foldOfText.has(l.of)) continue;
    assert.equal(fold.get(l.group), foldOfText.get(l.of), `"${l.text}" (made from "${l.of}") is in another fold`);
    if (l.group.startsWith("bank/")) bank++;
  }
  assert.ok(bank > 1000, `${bank} made bank lines checked: bank/translation.jsonl and bank/paraphrase.jsonl were not read`);
});
