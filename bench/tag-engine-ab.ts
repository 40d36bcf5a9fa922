// Old engine against new in one process, alternating (so both see the same load): the tag CLI's per-entry path
// parse → classify with explanation → JSON row → UTF-8 bytes (through the engine's RowBuffer when it has one, else
// joined per 256 rows and converted as the CLI did before), with the same base model. The old engine is another copy of
// lib/tagging, e.g. `git archive main lib/tagging | tar -x -C /tmp/old` → --old /tmp/old/lib/tagging.
// Checks that both write the same bytes, then prints CPU µs per entry (median) and the new/old ratio per pair.
// Usage: npx tsx bench/tag-engine-ab.ts --old DIR [--entries N] [--runs N] [--team N] [--allow-diff]
// (pin it: taskset -c 1 ...)
import os from "node:os";
import path from "node:path";
import { baseTrainingExamples, getBaseModel, type LabelledExample, type TaggingModel, type TagResult } from "../lib/tagging";
import { parseEntry } from "../lib/tagging/jsonl";
import { RowBuffer, taggedRowJson } from "../lib/tagging/jsonl-out";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const OLD = arg("--old", "");
const ENTRIES = Number(arg("--entries", "50000"));
const RUNS = Number(arg("--runs", "7"));
/** --allow-diff: a change meant to change team output; count the rows that differ instead of stopping. */
const ALLOW_DIFF = process.argv.includes("--allow-diff");
/** Learned examples of a team model to tag with instead of the base (0: the base model). */
const TEAM = Number(arg("--team", "0"));

interface Engine {
  model: TaggingModel;
  parse: (line: string) => ReturnType<typeof parseEntry>;
  row: (id: unknown, text: string, tag: TagResult, explain: boolean) => string;
  Rows?: typeof RowBuffer;
}

// The old engine's own base model (its index.ts getBaseModel, from the model cache when the sources match): a Model of
// the old copy's model.ts over this tree's base object read module state of the other copy (similarity.ts's
// rescoredSimilarity, filled by this tree's ExampleIndex), so it skipped the neighbour vote and wrote other confidences.
async function oldEngine(dir: string): Promise<Engine> {
  const { getBaseModel: oldBase } = await import(path.resolve(dir, "index.ts"));
  const { parseEntry: parse } = await import(path.resolve(dir, "jsonl.ts"));
  const { taggedRowJson: row, RowBuffer: Rows } = await import(path.resolve(dir, "jsonl-out.ts"));
  return { model: oldBase(), parse, row, Rows };
}

function withTeam(model: TaggingModel, examples: readonly LabelledExample[]): TaggingModel {
  if (TEAM === 0) return model;
  const team = model.fork();
  for (let i = 0; i < TEAM; i++) {
    const e = examples[(i * 104729) % examples.length];
    team.learn({ text: e.text, role: i % 3 ? e.role : "community", stage: i % 4 ? e.stage : "retention" });
  }
  return team;
}

function run(engine: Engine, lines: string[]): [number, Buffer] {
  const parts: Buffer[] = [];
  let pending: string[] = [];
  const rows = engine.Rows ? new engine.Rows() : null;
  const started = process.cpuUsage();
  for (const line of lines) {
    const parsed = engine.parse(line);
    if (!parsed.ok) continue;
    const { id, text } = parsed.value;
    const row = engine.row(id, text, engine.model.classify(text), true);
    if (rows !== null) {
      rows.push(row);
      if (rows.size >= 1 << 16) parts.push(rows.take());
    } else {
      pending.push(row);
      if (pending.length >= 256) {
        parts.push(Buffer.from(pending.join("")));
        pending = [];
      }
    }
  }
  parts.push(rows !== null ? rows.take() : Buffer.from(pending.join("")));
  const used = process.cpuUsage(started);
  return [(used.user + used.system) / lines.length, Buffer.concat(parts)];
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function main() {
  if (!OLD) throw new Error("--old DIR (a copy of lib/tagging to compare with) is required");
  const examples = baseTrainingExamples();
  const lines = Array.from({ length: ENTRIES }, (_, i) =>
    JSON.stringify({ id: `e${i}`, text: examples[(i * 7919) % examples.length].text }));
  const base = getBaseModel();
  const fresh: Engine = { model: withTeam(base, examples), parse: parseEntry, row: taggedRowJson, Rows: RowBuffer };
  const old = await oldEngine(OLD);
  old.model = withTeam(old.model, examples);
  const [oldBytes, newBytes] = [run(old, lines)[1], run(fresh, lines)[1]];
  let differ = 0;
  if (!oldBytes.equals(newBytes)) {
    if (!ALLOW_DIFF) throw new Error("the new engine writes other bytes than the old one");
    const [a, b] = [oldBytes.toString().split("\n"), newBytes.toString().split("\n")];
    for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) differ++;
  }
  const o: number[] = [];
  const n: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    // Alternate which goes first, so neither always runs right after the other's garbage.
    const first = r % 2 === 0;
    const a = first ? run(old, lines)[0] : 0;
    const b = run(fresh, lines)[0];
    const c = first ? a : run(old, lines)[0];
    o.push(c);
    n.push(b);
  }
  const fmt = (xs: number[]) =>
    `${median(xs).toFixed(2)} µs/entry (${Math.round(1e6 / median(xs)).toLocaleString("en")} per CPU-second; runs ${xs.map((x) => x.toFixed(1)).join(" ")})`;
  console.log(`${ENTRIES} entries${TEAM ? `, team model with ${TEAM} learned` : ", base model"}, ${differ ? `${differ} rows differ` : "identical output"}; load average ${os.loadavg().map((x) => x.toFixed(1)).join(" ")}`);
  console.log(`old: ${fmt(o)}`);
  console.log(`new: ${fmt(n)}`);
  console.log(`new/old CPU per pair: ${n.map((x, i) => (x / o[i]).toFixed(3)).join(" ")}; median ${median(n.map((x, i) => x / o[i])).toFixed(3)}`);
}

main();
