// In-process A/B of the tag CLI's per-entry path (parse → classify with explanation → JSON row): the base model with
// the neighbour vote on the stage (model.ts neighbourVote) against the same model without it, alternating batches of
// 20,000 bank entries (CPU time, median per batch and the with/without ratio of each pair).
// Usage: taskset -c 1 npx tsx bench/neighbour-ab.ts [PAIRS]
import { baseTrainingExamples, buildModel } from "../lib/tagging";
import { cliPathMicros } from "./cli-path";

const PAIRS = Number(process.argv[2] ?? 10);
const examples = baseTrainingExamples();
const lines = Array.from({ length: 20000 }, (_, i) => JSON.stringify({ id: `e${i}`, text: examples[(i * 7919) % examples.length].text }));
const without = buildModel(examples, { frozen: true, build: { neighbourWeight: 0 } });
const withVote = buildModel(examples, { frozen: true });
const time = (m: Parameters<typeof cliPathMicros>[0]) => cliPathMicros(m, lines);
for (let i = 0; i < 2; i++) [without, withVote].forEach(time);
const a: number[] = [];
const b: number[] = [];
for (let i = 0; i < PAIRS; i++) {
  a.push(time(without));
  b.push(time(withVote));
}
const med = (x: number[]) => [...x].sort((p, q) => p - q)[x.length >> 1];
const ratios = b.map((x, i) => x / a[i]);
console.log(`without vote ${med(a).toFixed(2)} µs, with ${med(b).toFixed(2)} µs; with/without per pair median ${med(ratios).toFixed(3)} (${ratios.map((r) => r.toFixed(2)).join(" ")})`);
