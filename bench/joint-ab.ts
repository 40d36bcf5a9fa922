// In-process A/B of the tag CLI's per-entry path (parse → classify with explanation → JSON row): the base without the
// joint role × stage head against variants with it, alternating batches (CPU time, median).
// Usage: taskset -c 1 npx tsx bench/joint-ab.ts MIN... (each MIN: joint rows for features in ≥ MIN examples; "off": weight 0)
import { baseTrainingExamples, buildModel } from "../lib/tagging";
import { cliPathMicros } from "./cli-path";
const examples = baseTrainingExamples();
const lines = Array.from({ length: 20000 }, (_, i) => JSON.stringify({ id: `e${i}`, text: examples[(i * 7919) % examples.length].text }));
const variants = [
  buildModel(examples, { frozen: true, build: { jointWeight: 0 } }),
  ...process.argv.slice(2).map((m) => buildModel(examples, { frozen: true, build: { jointWeight: m === "off" ? 0 : 0.5, jointMinCount: Number(m) } })),
];
const time = (m: Parameters<typeof cliPathMicros>[0]) => cliPathMicros(m, lines);
for (let i = 0; i < 2; i++) variants.forEach(time);
const runs = variants.map(() => [] as number[]);
for (let i = 0; i < 10; i++) variants.forEach((m, k) => runs[k].push(time(m)));
const med = (x: number[]) => [...x].sort((p, q) => p - q)[x.length >> 1];
runs.forEach((r, k) => console.log(`${k === 0 ? "no joint" : `joint min ${process.argv[1 + k]}`}: ${med(r).toFixed(2)} µs, ratio ${(med(r) / med(runs[0])).toFixed(3)}, pairs ${r.map((x, i) => (x / runs[0][i]).toFixed(2)).join(" ")}`));
