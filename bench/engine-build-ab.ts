// Old engine against new in one process, alternating (so both see the same load), when the two build different base
// models (a featurizer change): each copy of lib/tagging builds its own base from the same training examples, then the
// tag CLI's per-entry path (parse → classify with explanation → JSON row) is timed on the same entries. Unlike
// tag-engine-ab.ts the outputs may differ; it prints CPU µs per entry (median), features per entry and the new/old
// ratio per pair. The old engine is another copy of lib/tagging, e.g.
// `git archive main lib/tagging | tar -x -C /tmp/old` → --old /tmp/old/lib/tagging.
// Usage: taskset -c 1 npx tsx bench/engine-build-ab.ts --old DIR [--entries N] [--runs N]
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { baseTrainingExamples, buildModel, type TaggingModel } from "../lib/tagging";
import { benchLines, cliPathMicros as time, median } from "./cli-path";

const { values: opts } = parseArgs({
  options: { old: { type: "string", default: "" }, entries: { type: "string", default: "20000" }, runs: { type: "string", default: "9" } },
});
const OLD = opts.old;
const ENTRIES = Number(opts.entries);
const RUNS = Number(opts.runs);

async function main() {
  if (!OLD) throw new Error("--old DIR (a copy of lib/tagging to compare with) is required");
  const examples = baseTrainingExamples();
  const lines = benchLines(examples, ENTRIES);
  const { buildModel: buildOld } = await import(path.resolve(OLD, "index.ts"));
  const old: TaggingModel = buildOld(examples, { frozen: true });
  const fresh = buildModel(examples, { frozen: true });
  for (let i = 0; i < 2; i++) [old, fresh].forEach((m) => time(m, lines));
  const o: number[] = [];
  const n: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    if (r % 2 === 0) {
      o.push(time(old, lines));
      n.push(time(fresh, lines));
    } else {
      n.push(time(fresh, lines));
      o.push(time(old, lines));
    }
  }
  const fmt = (xs: number[]) => `${median(xs).toFixed(2)} µs/entry (runs ${xs.map((x) => x.toFixed(1)).join(" ")})`;
  console.log(`${ENTRIES} entries, each engine's own base model; load average ${os.loadavg().map((x) => x.toFixed(1)).join(" ")}`);
  console.log(`old: ${fmt(o)}`);
  console.log(`new: ${fmt(n)}`);
  console.log(`new/old CPU per pair: ${n.map((x, i) => (x / o[i]).toFixed(3)).join(" ")}; median ${median(n.map((x, i) => x / o[i])).toFixed(3)}`);
}

main();
