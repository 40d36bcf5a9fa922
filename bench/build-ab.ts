// In-process A/B of the tag CLI's per-entry path (parse → classify with explanation → JSON row): the base model as
// built by default against a variant of its build options, alternating batches of 20,000 bank entries (CPU time,
// median per batch and the default/variant ratio of each pair).
// Usage: taskset -c 1 npx tsx bench/build-ab.ts '{"neighbourWeight":0}' [PAIRS]
import { baseTrainingExamples, buildModel } from "../lib/tagging";
import { cliPathMicros } from "./cli-path";

const variantOptions = JSON.parse(process.argv[2] ?? "{}") as Record<string, unknown>;
const PAIRS = Number(process.argv[3] ?? 10);
const examples = baseTrainingExamples();
const lines = Array.from({ length: 20000 }, (_, i) => JSON.stringify({ id: `e${i}`, text: examples[(i * 7919) % examples.length].text }));
const variant = buildModel(examples, { frozen: true, build: variantOptions });
const byDefault = buildModel(examples, { frozen: true });
const time = (m: Parameters<typeof cliPathMicros>[0]) => cliPathMicros(m, lines);
for (let i = 0; i < 2; i++) [variant, byDefault].forEach(time);
const a: number[] = [];
const b: number[] = [];
for (let i = 0; i < PAIRS; i++) {
  a.push(time(variant));
  b.push(time(byDefault));
}
const med = (x: number[]) => [...x].sort((p, q) => p - q)[x.length >> 1];
const ratios = b.map((x, i) => x / a[i]);
console.log(`variant ${JSON.stringify(variantOptions)} ${med(a).toFixed(2)} µs, default ${med(b).toFixed(2)} µs; default/variant per pair median ${med(ratios).toFixed(3)} (${ratios.map((r) => r.toFixed(2)).join(" ")})`);
